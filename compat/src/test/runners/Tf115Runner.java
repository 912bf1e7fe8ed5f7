import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Tensor;
import org.tensorflow.TensorFlow;

/**
 * Classifies MNIST's test images with SavedModels in TensorFlow 1.15 (libtensorflow 1.15.0); started by
 * TensorFlowRuntimesIT in a JVM of its own through the source launcher.
 *
 * <p>Arguments: a file of little-endian float32 pixels ([N,28,28,1], in [0,1]), a file of N label bytes, then
 * per bundle: its directory, its input tensor (e.g. {@code images:0}) and its classes output tensor. Prints
 * {@code runtime=<version>}, then {@code bundle=<dir> correct=<c> total=<n>} for each bundle that loads and
 * runs; for one that does not it prints the runtime's error on stderr, and the exit status is 1.
 *
 * <p>Self-contained on purpose, like its twin {@code Tf210Runner}: the source launcher compiles one file, against
 * this runtime's jars alone.
 */
public final class Tf115Runner {
  private static final int PIXELS = 28 * 28;
  private static final int CHUNK = 1000;

  public static void main(String[] args) throws IOException {
    FloatBuffer images =
        ByteBuffer.wrap(Files.readAllBytes(Path.of(args[0]))).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
    byte[] labels = Files.readAllBytes(Path.of(args[1]));
    System.out.println("runtime=" + TensorFlow.version());
    boolean failed = false;
    for (int a = 2; a + 2 < args.length; a += 3) {
      try {
        int correct = correct(args[a], args[a + 1], args[a + 2], images, labels);
        System.out.println("bundle=" + args[a] + " correct=" + correct + " total=" + labels.length);
      } catch (RuntimeException e) {
        System.err.println("bundle=" + args[a] + " failed: " + e);
        failed = true;
      }
    }
    System.exit(failed ? 1 : 0);
  }

  private static int correct(String dir, String input, String output, FloatBuffer images, byte[] labels) {
    int correct = 0;
    try (SavedModelBundle model = SavedModelBundle.load(dir, "serve")) {
      for (int first = 0; first < labels.length; first += CHUNK) {
        int n = Math.min(CHUNK, labels.length - first);
        FloatBuffer chunk = images.duplicate().position(first * PIXELS).limit((first + n) * PIXELS).slice();
        try (Tensor<Float> x = Tensor.create(new long[] {n, 28, 28, 1}, chunk)) {
          List<Tensor<?>> outputs = model.session().runner().feed(input, x).fetch(output).run();
          try (Tensor<?> classes = outputs.get(0)) {
            LongBuffer predicted = LongBuffer.allocate(n);
            classes.writeTo(predicted);
            for (int i = 0; i < n; i++) {
              if (predicted.get(i) == labels[first + i]) {
                correct++;
              }
            }
          }
        }
      }
    }
    return correct;
  }
}
