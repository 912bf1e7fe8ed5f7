package dev.tfj.trainer.train;

import dev.tfj.bundle.EpochMetrics;
import java.util.List;

/**
 * What {@code --resume} needs besides the variables: the run's settings, the data it trained on, and the
 * epochs done so far.
 */
public record CheckpointState(
    TrainingConfig config,
    String datasetSha256,
    int epochsDone,
    List<EpochMetrics> epochs,
    double trainSeconds,
    String checkpointPrefix) {}
