package dev.tfj.trainer;

import dev.tfj.bundle.ServingSignature;
import dev.tfj.trainer.data.DatasetLoader;
import dev.tfj.trainer.data.ImageSet;
import java.nio.file.Path;
import java.util.Map;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Run in a fresh JVM by the integration test: loads a bundle with {@code SavedModelBundle.load}, calls its
 * {@code serving_default} signature on the test set, and prints the accuracy and every predicted class.
 */
public final class ReloadedBundleMain {

  public static void main(String[] args) {
    Path bundle = Path.of(args[0]);
    ImageSet test = DatasetLoader.load(Path.of(args[1])).test();
    int n = test.count();
    float[] pixels = new float[n * 784];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (test.pixels()[i] & 0xFF) / 255f;
    }
    StringBuilder classes = new StringBuilder();
    int right = 0;
    try (SavedModelBundle model = SavedModelBundle.load(bundle.toString(), ServingSignature.TAG);
        TFloat32 images = TFloat32.tensorOf(Shape.of(n, 28, 28, 1), DataBuffers.of(pixels, true, false));
        Result result = model.function(ServingSignature.KEY).call(Map.of(ServingSignature.INPUT_IMAGES, images))) {
      Tensor out = result.get(ServingSignature.OUTPUT_CLASSES).orElseThrow();
      TInt64 predicted = (TInt64) out;
      for (int i = 0; i < n; i++) {
        long c = predicted.getLong(i);
        classes.append(c);
        if (c == test.label(i)) {
          right++;
        }
      }
    }
    System.out.println("accuracy=" + ((double) right / n));
    System.out.println("classes=" + classes);
  }
}
