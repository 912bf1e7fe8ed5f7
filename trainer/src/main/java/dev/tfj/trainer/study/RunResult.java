package dev.tfj.trainer.study;

import dev.tfj.bundle.TrainingMetrics;
import java.nio.file.Path;

/**
 * A finished run: its bundle, the metrics recorded beside it, and the class it predicts for every test image.
 */
public record RunResult(StudyRun run, Path bundleDir, TrainingMetrics metrics, int[] predictions) {

  /** The run's name. */
  public String name() {
    return run.name();
  }
}
