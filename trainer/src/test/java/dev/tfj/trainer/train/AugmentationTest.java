package dev.tfj.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

class AugmentationTest {

  private static final int SIZE = 28;
  private static final int PIXELS = SIZE * SIZE;
  private static final int N = 8;

  @Test
  void zeroRangesLeaveImagesUnchanged() {
    float[] in = digits();
    assertThat(augment(new Augmentation(0, 0, 0), in, 5, 42)).containsExactly(in);
  }

  @Test
  void sameSeedAndStepMoveImagesTheSameWay() {
    float[] in = digits();
    assertThat(augment(Augmentation.DEFAULT, in, 5, 42)).containsExactly(augment(Augmentation.DEFAULT, in, 5, 42));
  }

  @Test
  void otherStepsAndSeedsMoveImagesDifferently() {
    float[] in = digits();
    float[] step5 = augment(Augmentation.DEFAULT, in, 5, 42);
    assertThat(step5).isNotEqualTo(in);
    assertThat(augment(Augmentation.DEFAULT, in, 6, 42)).isNotEqualTo(step5);
    assertThat(augment(Augmentation.DEFAULT, in, 5, 43)).isNotEqualTo(step5);
  }

  @Test
  void eachImageOfABatchMovesDifferently() {
    float[] same = new float[N * PIXELS];
    float[] one = square(10, 10, 8);
    for (int i = 0; i < N; i++) {
      System.arraycopy(one, 0, same, i * PIXELS, PIXELS);
    }
    float[] out = augment(Augmentation.DEFAULT, same, 1, 42);
    assertThat(java.util.Arrays.copyOfRange(out, 0, PIXELS))
        .isNotEqualTo(java.util.Arrays.copyOfRange(out, PIXELS, 2 * PIXELS));
  }

  @Test
  void keepsTheShapeAndTheValueRange() {
    float[] out = augment(new Augmentation(7, 180, 0.4), digits(), 3, 1);
    assertThat(out).hasSize(N * PIXELS);
    for (float v : out) {
      assertThat(v).isBetween(0f, 1f);
    }
  }

  @Test
  void aShiftMovesTheCentreOfMassByAtMostTheShift() {
    float[] in = digits();
    float[] out = augment(new Augmentation(2, 0, 0), in, 9, 42);
    double moved = 0;
    for (int i = 0; i < N; i++) {
      double[] before = centreOfMass(in, i);
      double[] after = centreOfMass(out, i);
      double dx = Math.abs(after[0] - before[0]);
      double dy = Math.abs(after[1] - before[1]);
      assertThat(dx).isLessThanOrEqualTo(2.01);
      assertThat(dy).isLessThanOrEqualTo(2.01);
      moved += dx + dy;
    }
    assertThat(moved / N).isGreaterThan(0.2);
  }

  @Test
  void aRotationTurnsABarAboutTheCentre() {
    // A horizontal bar through the centre, turned by up to 15°, stays centred and keeps its ink within 10%.
    float[] bar = new float[N * PIXELS];
    for (int i = 0; i < N; i++) {
      for (int x = 6; x < 22; x++) {
        bar[i * PIXELS + 13 * SIZE + x] = 1f;
        bar[i * PIXELS + 14 * SIZE + x] = 1f;
      }
    }
    float[] out = augment(new Augmentation(0, 15, 0), bar, 2, 42);
    for (int i = 0; i < N; i++) {
      double[] c = centreOfMass(out, i);
      assertThat(c[0]).isCloseTo(13.5, org.assertj.core.data.Offset.offset(0.05));
      assertThat(c[1]).isCloseTo(13.5, org.assertj.core.data.Offset.offset(0.05));
      assertThat(ink(out, i)).isCloseTo(32.0, org.assertj.core.data.Offset.offset(3.2));
    }
    assertThat(out).isNotEqualTo(bar);
  }

  @Test
  void rejectsRangesOutsideTheLimitsNamingTheSetting() {
    assertThatThrownBy(() -> new Augmentation(-1, 0, 0))
        .isInstanceOfSatisfying(
            InvalidTrainingConfigException.class,
            e -> assertThat(e.setting()).isEqualTo(TrainingSetting.AUGMENT_SHIFT))
        .hasMessage("augmentation shift must be in [0, 7] pixels, got -1.0");
    assertThatThrownBy(() -> new Augmentation(2, 181, 0))
        .hasMessage("augmentation rotation must be in [0, 180] degrees, got 181.0");
    assertThatThrownBy(() -> new Augmentation(2, 10, 0.5)).hasMessage("augmentation scale must be in [0, 0.5), got 0.5");
    assertThatThrownBy(() -> new Augmentation(Double.NaN, 10, 0)).isInstanceOf(InvalidTrainingConfigException.class);
  }

  @Test
  void noneIsInactiveAndTheDefaultIsActive() {
    assertThat(Augmentation.NONE.active()).isFalse();
    assertThat(Augmentation.DEFAULT.active()).isTrue();
  }

  private static float[] augment(Augmentation a, float[] images, long step, long seed) {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, SIZE, SIZE, 1)));
      Placeholder<TInt64> s = tf.placeholder(TInt64.class, Placeholder.shape(Shape.scalar()));
      var out = a.apply(tf, x, s, seed);
      int n = images.length / PIXELS;
      try (Session session = new Session(graph);
          TFloat32 in = TFloat32.tensorOf(Shape.of(n, SIZE, SIZE, 1), DataBuffers.of(images, true, false));
          TInt64 st = TInt64.scalarOf(step);
          Result r = session.runner().feed(x, in).feed(s, st).fetch(out).run()) {
        TFloat32 t = (TFloat32) r.get(0);
        assertThat(t.shape()).isEqualTo(Shape.of(n, SIZE, SIZE, 1));
        float[] result = new float[images.length];
        t.asRawTensor().data().asFloats().read(result);
        return result;
      }
    }
  }

  /** N images, each a filled square at its own place and size, like a blob of ink. */
  private static float[] digits() {
    float[] all = new float[N * PIXELS];
    for (int i = 0; i < N; i++) {
      System.arraycopy(square(6 + i, 8 + i / 2, 6 + i % 4), 0, all, i * PIXELS, PIXELS);
    }
    return all;
  }

  private static float[] square(int x0, int y0, int side) {
    float[] img = new float[PIXELS];
    for (int y = y0; y < y0 + side; y++) {
      for (int x = x0; x < x0 + side; x++) {
        img[y * SIZE + x] = (x + y) % 3 == 0 ? 0.5f : 1f;
      }
    }
    return img;
  }

  private static double[] centreOfMass(float[] all, int image) {
    double sum = 0;
    double sx = 0;
    double sy = 0;
    for (int y = 0; y < SIZE; y++) {
      for (int x = 0; x < SIZE; x++) {
        double v = all[image * PIXELS + y * SIZE + x];
        sum += v;
        sx += v * x;
        sy += v * y;
      }
    }
    return new double[] {sx / sum, sy / sum};
  }

  private static double ink(float[] all, int image) {
    double sum = 0;
    for (int p = 0; p < PIXELS; p++) {
      sum += all[image * PIXELS + p];
    }
    return sum;
  }
}
