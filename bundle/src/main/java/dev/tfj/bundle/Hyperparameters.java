package dev.tfj.bundle;

/**
 * What a training run was configured with. The augmentation, label-smoothing and warm-up fields came later: a
 * metrics.json without them reads as 0, which is what those runs used.
 *
 * @param augmentShiftPixels largest random shift of a training image, in pixels; 0 without augmentation
 * @param augmentRotationDegrees largest random rotation of a training image, in degrees; 0 without augmentation
 * @param augmentScale largest random scale change of a training image, as a fraction; 0 without augmentation
 * @param labelSmoothing the share of each training label spread over all classes
 * @param warmupEpochs epochs of linear learning-rate warm-up before the schedule
 */
public record Hyperparameters(
    int epochs,
    int batchSize,
    String optimizer,
    double learningRate,
    String learningRateSchedule,
    double momentum,
    double weightDecay,
    double dropout,
    long seed,
    double augmentShiftPixels,
    double augmentRotationDegrees,
    double augmentScale,
    double labelSmoothing,
    int warmupEpochs) {

  /** A run of the course recipe: no augmentation, no label smoothing, no warm-up. */
  public Hyperparameters(
      int epochs,
      int batchSize,
      String optimizer,
      double learningRate,
      String learningRateSchedule,
      double momentum,
      double weightDecay,
      double dropout,
      long seed) {
    this(epochs, batchSize, optimizer, learningRate, learningRateSchedule, momentum, weightDecay, dropout, seed,
        0, 0, 0, 0, 0);
  }

  /** Whether training images were randomly moved. */
  public boolean augmented() {
    return augmentShiftPixels > 0 || augmentRotationDegrees > 0 || augmentScale > 0;
  }
}
