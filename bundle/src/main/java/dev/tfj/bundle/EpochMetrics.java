package dev.tfj.bundle;

/** One epoch's results: losses and accuracies on the training and test sets, and its speed. */
public record EpochMetrics(
    int epoch,
    double trainLoss,
    double trainAccuracy,
    double testLoss,
    double testAccuracy,
    double seconds,
    double imagesPerSecond) {}
