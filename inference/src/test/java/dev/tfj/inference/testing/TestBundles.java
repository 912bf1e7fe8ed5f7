package dev.tfj.inference.testing;

import dev.tfj.bundle.ServingSignature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.tensorflow.Graph;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/** Exports tiny SavedModels with TF Java, in TF Serving's layout, for tests. */
public final class TestBundles {

  private TestBundles() {}

  /**
   * A bundle with our signature: {@code images} [-1,28,28,1] float, a fixed random linear layer plus a
   * variable bias of {@code bias} on every class, softmax as {@code probabilities}, argmax as {@code classes}.
   */
  public static Path exportOurs(Path base, String name, long version, long seed) throws IOException {
    Path dir = Files.createDirectories(base.resolve(name)).resolve(Long.toString(version));
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> images =
          tf.withName(ServingSignature.INPUT_IMAGES)
              .placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 28, 28, 1)));
      float[] w = new float[784 * 10];
      Random random = new Random(seed);
      for (int i = 0; i < w.length; i++) {
        w[i] = (float) random.nextGaussian() * 0.1f;
      }
      var flat = tf.reshape(images, tf.constant(new long[] {-1, 784}));
      var bias = tf.variable(tf.constant(new float[10]));
      var logits = tf.math.add(tf.linalg.matMul(flat, tf.constant(Shape.of(784, 10), DataBuffers.of(w))), bias);
      var probabilities = tf.withName(ServingSignature.OUTPUT_PROBABILITIES).nn.softmax(logits);
      var classes = tf.withName(ServingSignature.OUTPUT_CLASSES).math.argMax(probabilities, tf.constant(1), TInt64.class);
      try (Session s = new Session(g)) {
        s.initialize();
        SavedModelBundle.exporter(dir.toString())
            .withSession(s)
            .withSignature(
                Signature.builder()
                    .key(ServingSignature.KEY)
                    .methodName(ServingSignature.METHOD)
                    .input(ServingSignature.INPUT_IMAGES, images)
                    .output(ServingSignature.OUTPUT_PROBABILITIES, probabilities)
                    .output(ServingSignature.OUTPUT_CLASSES, classes)
                    .build())
            .export();
      }
    }
    return dir;
  }

  /** A model with a string input: {@code text} [-1] DT_STRING, output {@code length} [-1] DT_INT32 bytes. */
  public static Path exportStringLength(Path base, String name, long version) throws IOException {
    Path dir = Files.createDirectories(base.resolve(name)).resolve(Long.toString(version));
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Placeholder<TString> text = tf.withName("text").placeholder(TString.class, Placeholder.shape(Shape.of(-1)));
      var length = tf.withName("length").strings.stringLength(text);
      var echo = tf.withName("echo_bytes").identity(text);
      var dummy = tf.variable(tf.constant(1f));
      try (Session s = new Session(g)) {
        s.initialize();
        SavedModelBundle.exporter(dir.toString())
            .withSession(s)
            .withSignature(
                Signature.builder()
                    .key(ServingSignature.KEY)
                    .methodName(ServingSignature.METHOD)
                    .input("text", text)
                    .output("length", length)
                    .output("echo_bytes", echo)
                    .build())
            .export();
      }
    }
    return dir;
  }
}
