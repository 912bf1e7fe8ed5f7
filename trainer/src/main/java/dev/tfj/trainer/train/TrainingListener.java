package dev.tfj.trainer.train;

import dev.tfj.bundle.EpochMetrics;

/** Progress callbacks from the training loop, so a caller can draw a progress bar; all default to nothing. */
public interface TrainingListener {

  /** An epoch begins; {@code images} training images will be seen. */
  default void epochStarted(int epoch, int epochs, int images) {}

  /** A batch finished; the running means over the epoch so far. */
  default void batchFinished(int imagesSoFar, double meanLoss, double accuracy) {}

  /** The test set is being evaluated. */
  default void evaluating(int epoch) {}

  /** An epoch finished, test set evaluated and checkpoint written. */
  default void epochFinished(EpochMetrics metrics) {}

  /** A listener that does nothing. */
  TrainingListener NONE = new TrainingListener() {};
}
