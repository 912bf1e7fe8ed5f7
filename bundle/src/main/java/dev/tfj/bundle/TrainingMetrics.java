package dev.tfj.bundle;

import java.util.List;

/**
 * Everything recorded about a training run; serialised as a bundle's {@code metrics.json}.
 *
 * @param precision the number format the steps computed in ({@code float32} or {@code mixed-bfloat16}); absent
 *     (null) in bundles from before it was recorded, which trained in float32
 */
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
    String precision,
    String createdAt) {}
