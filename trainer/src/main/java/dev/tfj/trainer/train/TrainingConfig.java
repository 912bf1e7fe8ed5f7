package dev.tfj.trainer.train;

import dev.tfj.trainer.model.LeNet5;

/**
 * One training run's settings.
 *
 * @param threads TensorFlow intra-op threads; 0 means one per available core
 * @param augmentation random shifts, rotations and scaling of training images; {@link Augmentation#NONE} for none
 * @param labelSmoothing the share of each training label spread evenly over all classes, in [0, 1)
 * @param warmupEpochs epochs over which the learning rate rises linearly to its base value before the schedule
 * @param precision the number format steps compute in; {@link Precision#AUTO} chooses by device and CPU
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
    int threads,
    Augmentation augmentation,
    double labelSmoothing,
    int warmupEpochs,
    Precision precision) {

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

  /** The number format when none is named: chosen by model, device and CPU ({@link Precision#AUTO}). */
  public static final Precision DEFAULT_PRECISION = Precision.AUTO;

  /**
   * Rejects settings that cannot train, naming the setting. A missing augmentation or precision (older state
   * files) is none, or automatic.
   */
  public TrainingConfig {
    if (augmentation == null) {
      augmentation = Augmentation.NONE;
    }
    if (precision == null) {
      precision = DEFAULT_PRECISION;
    }
    if (precision == Precision.MIXED_BFLOAT16 && device != Device.CPU) {
      throw new InvalidTrainingConfigException(
          TrainingSetting.PRECISION,
          "must be float32 or auto on a " + device.id() + " (mixed-bfloat16 is oneDNN's CPU rewrite)",
          precision);
    }
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
    if (!(labelSmoothing >= 0 && labelSmoothing < 1)) {
      throw new InvalidTrainingConfigException(TrainingSetting.LABEL_SMOOTHING, "must be in [0, 1)", labelSmoothing);
    }
    if (warmupEpochs < 0) {
      throw new InvalidTrainingConfigException(TrainingSetting.WARMUP_EPOCHS, "must not be negative", warmupEpochs);
    }
    if (warmupEpochs >= epochs) {
      throw new InvalidTrainingConfigException(
          TrainingSetting.WARMUP_EPOCHS, "must be fewer than the epochs (" + epochs + ")", warmupEpochs);
    }
  }

  /** The course recipe's extras: no augmentation, no label smoothing, no warm-up. */
  public TrainingConfig(
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
    this(
        model, epochs, batchSize, optimizer, learningRate, schedule, momentum, weightDecay, dropout, seed, device,
        threads, Augmentation.NONE, 0, 0, DEFAULT_PRECISION);
  }

  /**
   * The learning rate of optimizer step {@code step} (0-based) of {@code totalSteps}, with {@code stepsPerEpoch}
   * steps an epoch: the warm-up, then the schedule over the remaining steps.
   */
  public double learningRateAt(long step, long totalSteps, long stepsPerEpoch) {
    return schedule.at(learningRate, step, totalSteps, warmupEpochs * stepsPerEpoch);
  }

  /** These settings with {@code epochs} epochs. */
  public TrainingConfig withEpochs(int epochs) {
    return new TrainingConfig(
        model, epochs, batchSize, optimizer, learningRate, schedule, momentum, weightDecay, dropout, seed, device,
        threads, augmentation, labelSmoothing, warmupEpochs, precision);
  }
}
