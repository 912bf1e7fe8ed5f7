package dev.tfj.trainer;

import dev.tfj.trainer.train.TrainingConfig;
import java.nio.file.Path;

/**
 * A training job: the run's settings and where its bundle and checkpoints go.
 *
 * @param version the bundle version to write, or 0 for the next one
 * @param resume continue from the checkpoint in {@code checkpointDir} instead of starting over
 */
public record TrainRequest(
    TrainingConfig config, Path modelBase, String bundleName, long version, Path checkpointDir, boolean resume) {}
