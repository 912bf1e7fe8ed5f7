package dev.tfj.trainer;

import dev.tfj.bundle.TrainingMetrics;
import java.nio.file.Path;

/** A finished job: the bundle's version directory and the metrics written beside it. */
public record TrainResult(Path bundleDir, TrainingMetrics metrics) {}
