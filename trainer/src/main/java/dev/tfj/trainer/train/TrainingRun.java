package dev.tfj.trainer.train;

import dev.tfj.bundle.EpochMetrics;
import dev.tfj.inference.Evaluation;
import dev.tfj.trainer.model.ModelSummary;
import java.util.List;

/**
 * A finished run: every epoch's metrics, the final weights' evaluation on the test set, the layers of the graph
 * it trained, the seconds spent in optimizer steps, and the checkpoint holding the final weights.
 */
public record TrainingRun(
    List<EpochMetrics> epochs,
    Evaluation finalTest,
    ModelSummary summary,
    double trainSeconds,
    String checkpointPrefix) {}
