package dev.tfj.bundle;

import java.util.List;

/** Everything recorded about a training run; serialised as a bundle's {@code metrics.json}. */
public record TrainingMetrics(
    String model,
    List<LayerParameters> layers,
    long totalParameters,
    Hyperparameters hyperparameters,
    DatasetInfo dataset,
    List<EpochMetrics> epochs,
    double finalTestAccuracy,
    double bestTestAccuracy,
    int bestEpoch,
    int[][] confusionMatrix,
    double wallTimeSeconds,
    double imagesPerSecond,
    String tensorflowVersion,
    String device,
    String createdAt) {}
