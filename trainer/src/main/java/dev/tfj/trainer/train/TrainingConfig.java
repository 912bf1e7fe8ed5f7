package dev.tfj.trainer.train;

import dev.tfj.trainer.model.LeNet5;

/**
 * One training run's settings.
 *
 * @param threads TensorFlow intra-op threads; 0 means one per available core
 */
public record TrainingConfig(
    String model,
    int epochs,
    int batchSize,
    OptimizerKind optimizer,
    double learningRate,
    LearningRateSchedule schedule,
    double momentum,
    double weightDecay,
    double dropout,
    long seed,
    Device device,
    int threads) {

  /** The model trained when none is named. */
  public static final String DEFAULT_MODEL = LeNet5.NAME;
  /** Epochs when none are given. */
  public static final int DEFAULT_EPOCHS = 10;
  /** Images per optimizer step when none is given. */
  public static final int DEFAULT_BATCH_SIZE = 64;
  /** The optimizer when none is named; its own defaults give the learning rate and momentum. */
  public static final OptimizerKind DEFAULT_OPTIMIZER = OptimizerKind.SGD;
  /** The learning-rate schedule when none is named. */
  public static final LearningRateSchedule DEFAULT_SCHEDULE = LearningRateSchedule.COSINE;
  /** The seed of weights, shuffling and dropout when none is given. */
  public static final long DEFAULT_SEED = 42;
  /** Where training runs when not told. */
  public static final Device DEFAULT_DEVICE = Device.CPU;
  /** Intra-op threads when not told: one per core. */
  public static final int DEFAULT_THREADS = 0;

  /** Rejects settings that cannot train, naming the setting. */
  public TrainingConfig {
    if (epochs < 1) {
      throw new InvalidTrainingConfigException(TrainingSetting.EPOCHS, "must be at least 1", epochs);
    }
    if (batchSize < 1) {
      throw new InvalidTrainingConfigException(TrainingSetting.BATCH_SIZE, "must be at least 1", batchSize);
    }
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new InvalidTrainingConfigException(TrainingSetting.LEARNING_RATE, "must be positive", learningRate);
    }
    if (momentum < 0 || momentum >= 1) {
      throw new InvalidTrainingConfigException(TrainingSetting.MOMENTUM, "must be in [0, 1)", momentum);
    }
    if (weightDecay < 0) {
      throw new InvalidTrainingConfigException(TrainingSetting.WEIGHT_DECAY, "must not be negative", weightDecay);
    }
    if (dropout < 0 || dropout >= 1) {
      throw new InvalidTrainingConfigException(TrainingSetting.DROPOUT, "must be in [0, 1)", dropout);
    }
    if (threads < 0) {
      throw new InvalidTrainingConfigException(TrainingSetting.THREADS, "must not be negative", threads);
    }
  }

  /** These settings with {@code epochs} epochs. */
  public TrainingConfig withEpochs(int epochs) {
    return new TrainingConfig(
        model, epochs, batchSize, optimizer, learningRate, schedule, momentum, weightDecay, dropout, seed, device,
        threads);
  }
}
