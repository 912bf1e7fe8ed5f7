package dev.tfj.cli.predict;

import dev.tfj.bundle.ServingSignature;
import dev.tfj.cli.UserError;
import dev.tfj.inference.Classifications;
import dev.tfj.inference.Evaluation;
import dev.tfj.inference.ImageBatch;
import dev.tfj.inference.ImageClassifier;
import dev.tfj.trainer.data.ImageSet;
import java.util.function.IntConsumer;

/** A classifier run over a labelled test set, as {@code evaluate} and {@code report} do it. */
public final class TestSetEvaluation {

  /** Images per call: a progress step every few milliseconds, tensors of about 1.5 MB. */
  static final int BATCH = 500;

  private TestSetEvaluation() {}

  /**
   * Classifies every image of {@code test} and compares with its label, telling {@code progress} how many images
   * each batch held.
   */
  public static Evaluation run(ImageClassifier classifier, ImageSet test, IntConsumer progress) {
    if (test.pixelsPerImage() != ImageBatch.PIXELS) {
      throw UserError.failure("the test images are " + test.rows() + "x" + test.cols() + "; models take "
          + ServingSignature.IMAGE_SIZE + "x" + ServingSignature.IMAGE_SIZE, null);
    }
    Evaluation.Builder eval = Evaluation.builder(ServingSignature.NUM_CLASSES);
    for (int from = 0; from < test.count(); from += BATCH) {
      int n = Math.min(BATCH, test.count() - from);
      Classifications classified = classifier.classify(ImageBatch.ofBytes(test.pixels(), from, n));
      for (int i = 0; i < n; i++) {
        eval.add(test.label(from + i), classified.classes()[i], classified.probabilities()[i]);
      }
      progress.accept(n);
    }
    return eval.build();
  }
}
