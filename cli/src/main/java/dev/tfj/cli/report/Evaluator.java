package dev.tfj.cli.report;

import dev.tfj.bundle.ServingSignature;
import dev.tfj.trainer.data.ImageSet;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.SessionFunction;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/** Runs a bundle's {@code serving_default} signature over a test set, as a client of the exported graph would. */
public final class Evaluator {

  /** Images per session run: large enough to keep the CPU busy, small enough to stay a few MB. */
  static final int BATCH = 500;

  private static final Logger LOG = LoggerFactory.getLogger(Evaluator.class);

  private Evaluator() {}

  /** Loads the SavedModel in {@code dir} and predicts every image of {@code test}. */
  public static Evaluation evaluate(Path dir, ImageSet test) {
    long started = System.nanoTime();
    int[] predictions = new int[test.count()];
    try (SavedModelBundle bundle = SavedModelBundle.load(dir.toString(), ServingSignature.TAG)) {
      SessionFunction serving = bundle.function(ServingSignature.KEY);
      for (int from = 0; from < test.count(); from += BATCH) {
        int n = Math.min(BATCH, test.count() - from);
        try (TFloat32 images = images(test, from, n);
            Result result = serving.call(Map.of(ServingSignature.INPUT_IMAGES, images))) {
          Tensor classes =
              result
                  .get(ServingSignature.OUTPUT_CLASSES)
                  .orElseThrow(() -> new IllegalStateException(dir + ": serving_default has no 'classes' output"));
          TInt64 ids = (TInt64) classes;
          for (int i = 0; i < n; i++) {
            predictions[from + i] = (int) ids.getLong(i);
          }
        }
      }
    }
    LOG.debug("evaluated {} on {} images in {} ms", dir, test.count(), (System.nanoTime() - started) / 1_000_000);
    return new Evaluation(test, predictions);
  }

  /** Images {@code from..from+n} as the signature's float input {@code [n,28,28,1]} in [0,1]. */
  private static TFloat32 images(ImageSet test, int from, int n) {
    int size = test.pixelsPerImage();
    float[] data = new float[n * size];
    for (int i = 0; i < data.length; i++) {
      data[i] = test.pixel(from * size + i) / 255f;
    }
    return TFloat32.tensorOf(Shape.of(n, test.rows(), test.cols(), 1), DataBuffers.of(data, true, false));
  }
}
