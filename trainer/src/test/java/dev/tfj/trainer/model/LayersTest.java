package dev.tfj.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tfj.bundle.OneDnn;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

class LayersTest {

  private static final int N = 3;
  private static final int SIDE = 32;

  /**
   * A training branch with a known batch size builds LeNet-5's first layer with images as channels and its
   * kernel and bias gradients by hand; a branch of unknown batch size builds Conv2D, BiasAdd and MaxPool and
   * differentiates them automatically. Same variables: the same outputs and the same gradients (float32, to
   * rounding).
   */
  @Test
  void imagesAsChannelsComputeWhatConvolutionThenPoolingComputes() {
    OneDnn.enableUnlessSet();
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Parameters params = new Parameters(5);
      Placeholder<TFloat32> fixed = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(N, SIDE, SIDE, 1)));
      Placeholder<TFloat32> any = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, SIDE, SIDE, 1)));
      Operand<TFloat32> fast =
          new Layers(tf, tf.withSubScope("fast"), Mode.TRAIN, params, 0).conv2dThenMaxPool("conv1", "pool1", fixed, 6, 5);
      assertThat(params.manualGradients()).hasSize(1);
      Operand<TFloat32> plain =
          new Layers(tf, tf.withSubScope("plain"), Mode.TRAIN, params, 0).conv2dThenMaxPool("conv1", "pool1", any, 6, 5);
      assertThat(params.manualGradients()).as("the dynamic branch differentiates automatically").hasSize(1);
      assertThat(fast.shape()).isEqualTo(Shape.of(N, 14, 14, 6));
      assertThat(params.trainable()).hasSize(2);

      // A loss that weighs every output differently, so each gradient entry is checked.
      Operand<TFloat32> weights = tf.random.statelessRandomNormal(tf.constant(new long[] {N, 14, 14, 6}), tf.constant(new long[] {3, 4}));
      Operand<TFloat32> fastLoss = tf.reduceSum(tf.math.mul(tf.nn.relu(fast), weights), tf.constant(new int[] {0, 1, 2, 3}));
      Operand<TFloat32> plainLoss = tf.reduceSum(tf.math.mul(tf.nn.relu(plain), weights), tf.constant(new int[] {0, 1, 2, 3}));
      ManualGradient byHand = params.manualGradients().get(0);
      Output<?>[] throughOutput = graph.addGradients(fastLoss.asOutput(), new Output<?>[] {byHand.output().asOutput()});
      @SuppressWarnings("unchecked")
      List<Operand<TFloat32>> fastGradients = byHand.backprop().apply(tf, (Output<TFloat32>) throughOutput[0]);
      Output<?>[] plainGradients =
          graph.addGradients(plainLoss.asOutput(), params.trainable().stream().map(v -> v.asOutput()).toArray(Output<?>[]::new));
      assertThat(byHand.variables()).containsExactlyElementsOf(params.trainable());

      float[] pixels = new float[N * SIDE * SIDE];
      Random random = new Random(9);
      for (int i = 0; i < pixels.length; i++) {
        pixels[i] = random.nextFloat();
      }
      try (Session session = new Session(graph);
          TFloat32 images = TFloat32.tensorOf(Shape.of(N, SIDE, SIDE, 1), DataBuffers.of(pixels, true, false))) {
        session.initialize();
        try (Result r =
            session.runner().feed(fixed, images).feed(any, images)
                .fetch(fast).fetch(plain)
                .fetch(fastGradients.get(0)).fetch(plainGradients[0])
                .fetch(fastGradients.get(1)).fetch(plainGradients[1])
                .run()) {
          assertClose((TFloat32) r.get(0), (TFloat32) r.get(1), 1e-5f);
          assertClose((TFloat32) r.get(2), (TFloat32) r.get(3), 1e-3f);
          assertClose((TFloat32) r.get(4), (TFloat32) r.get(5), 1e-3f);
        }
      }
    }
  }

  private static void assertClose(TFloat32 actual, TFloat32 expected, float relative) {
    assertThat(actual.shape()).isEqualTo(expected.shape());
    float[] a = new float[(int) actual.size()];
    float[] e = new float[(int) expected.size()];
    actual.copyTo(DataBuffers.of(a, false, false));
    expected.copyTo(DataBuffers.of(e, false, false));
    float scale = 0;
    for (float v : e) {
      scale = Math.max(scale, Math.abs(v));
    }
    assertThat(scale).as("a non-trivial reference").isGreaterThan(0f);
    for (int i = 0; i < a.length; i++) {
      assertThat(a[i]).as("element %d", i).isCloseTo(e[i], org.assertj.core.data.Offset.offset(relative * scale));
    }
  }
}
