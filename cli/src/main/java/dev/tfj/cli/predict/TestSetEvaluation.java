package dev.tfj.cli.predict;

import dev.tfj.bundle.ServingSignature;
import dev.tfj.cli.UserError;
import dev.tfj.inference.Evaluation;
import dev.tfj.inference.ImageBatch;
import dev.tfj.inference.ImageClassifier;
import dev.tfj.trainer.data.ImageSet;
import java.util.function.IntConsumer;

/**
 * A classifier run over a labelled test set, as {@code evaluate} and {@code report} do it: the size checked in
 * the user's words, then {@link ImageClassifier#evaluate}.
 */
public final class TestSetEvaluation {

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
    return classifier.evaluate(test.pixels(), test.labels(), progress);
  }
}
