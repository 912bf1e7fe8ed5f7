package dev.tfj.bundle;

/**
 * One epoch's results: losses and accuracies on the training and test sets, and its speed.
 *
 * @param seconds the optimizer steps' time (the training loop)
 * @param imagesPerSecond training images per second of {@code seconds}
 * @param wallSeconds the whole epoch: the steps, the test-set evaluation and the checkpoint; 0 in metrics
 *     written before it was recorded
 */
public record EpochMetrics(
    int epoch,
    double trainLoss,
    double trainAccuracy,
    double testLoss,
    double testAccuracy,
    double seconds,
    double imagesPerSecond,
    double wallSeconds) {

  /** An epoch whose wall time is not known apart from its steps' time. */
  public EpochMetrics(
      int epoch,
      double trainLoss,
      double trainAccuracy,
      double testLoss,
      double testAccuracy,
      double seconds,
      double imagesPerSecond) {
    this(epoch, trainLoss, trainAccuracy, testLoss, testAccuracy, seconds, imagesPerSecond, seconds);
  }
}
