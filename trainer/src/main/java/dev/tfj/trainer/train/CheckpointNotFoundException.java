package dev.tfj.trainer.train;

import java.nio.file.Path;

/** Resuming was asked for, but the checkpoint directory holds no finished epoch. */
public final class CheckpointNotFoundException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  private final Path checkpointDir;

  /** No checkpoint in {@code checkpointDir}. */
  public CheckpointNotFoundException(Path checkpointDir) {
    super("no checkpoint in " + checkpointDir);
    this.checkpointDir = checkpointDir;
  }

  /** Where a checkpoint was looked for. */
  public Path checkpointDir() {
    return checkpointDir;
  }
}
