package dev.tfj.trainer.study;

import dev.tfj.bundle.EpochMetrics;
import dev.tfj.bundle.TrainingMetrics;

/** Progress callbacks from a study, so a front end can say which run of how many is going; all default to nothing. */
public interface StudyListener {

  /** A run finished by an earlier invocation is reused as it is. */
  default void runReused(RunProgress progress, TrainingMetrics metrics) {}

  /** A run starts, or continues from its checkpoint when {@code resuming}. */
  default void runStarted(RunProgress progress, boolean resuming) {}

  /** An epoch of the current run begins; {@code images} training images will be seen. */
  default void epochStarted(RunProgress progress, int images) {}

  /** A batch finished; the running means over the epoch so far. */
  default void batchFinished(RunProgress progress, int imagesSoFar, double meanLoss, double accuracy) {}

  /** An epoch of the current run finished, its checkpoint written. */
  default void epochFinished(RunProgress progress, EpochMetrics metrics) {}

  /** A run finished and its bundle is written. */
  default void runFinished(RunProgress progress, TrainingMetrics metrics) {}

  /** A finished run's bundle is being classified over the test set, for the digits every run gets wrong. */
  default void evaluating(StudyRun run, int index, int total) {}

  /** A listener that does nothing. */
  StudyListener NONE = new StudyListener() {};
}
