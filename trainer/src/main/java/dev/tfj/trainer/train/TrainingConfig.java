package dev.tfj.trainer.train;

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

  /** Rejects settings that cannot train, with a message that names the setting. */
  public TrainingConfig {
    if (epochs < 1) {
      throw new IllegalArgumentException("--epochs must be at least 1, got " + epochs);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("--batch-size must be at least 1, got " + batchSize);
    }
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException("--learning-rate must be positive, got " + learningRate);
    }
    if (momentum < 0 || momentum >= 1) {
      throw new IllegalArgumentException("--momentum must be in [0, 1), got " + momentum);
    }
    if (weightDecay < 0) {
      throw new IllegalArgumentException("--weight-decay must not be negative, got " + weightDecay);
    }
    if (dropout < 0 || dropout >= 1) {
      throw new IllegalArgumentException("--dropout must be in [0, 1), got " + dropout);
    }
    if (threads < 0) {
      throw new IllegalArgumentException("--threads must not be negative, got " + threads);
    }
  }
}
