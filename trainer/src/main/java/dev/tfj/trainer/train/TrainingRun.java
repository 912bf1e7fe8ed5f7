package dev.tfj.trainer.train;

import dev.tfj.bundle.EpochMetrics;
import java.util.List;

/**
 * A finished run: every epoch's metrics, the last epoch's test confusion matrix ({@code [truth][predicted]}),
 * the seconds spent in optimizer steps, and the checkpoint holding the final weights.
 */
public record TrainingRun(
    List<EpochMetrics> epochs, int[][] confusionMatrix, double trainSeconds, String checkpointPrefix) {}
