package dev.tfj.trainer.train;

import dev.tfj.bundle.ServingSignature;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Stack;
import org.tensorflow.op.core.Unstack;
import org.tensorflow.op.image.ImageProjectiveTransformV3;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * In-graph data augmentation of the training batch: a small random affine map per image (shift, rotation about
 * the centre, scale), drawn from stateless random ops keyed by the run's seed and the training step, so a run is
 * reproducible and a resumed run repeats it. Built into the training branch only; the exported graph never has it.
 *
 * @param maxShiftPixels each image moves by up to this many pixels along each axis
 * @param maxRotationDegrees each image turns by up to this many degrees either way
 * @param maxScale each image is scaled by a factor in [1 - maxScale, 1 + maxScale]
 */
public record Augmentation(double maxShiftPixels, double maxRotationDegrees, double maxScale) {

  /** No augmentation: the course recipe. */
  public static final Augmentation NONE = new Augmentation(0, 0, 0);
  /** Shift used by {@code --augment} unless told otherwise, in pixels. */
  public static final double DEFAULT_SHIFT_PIXELS = 2;
  /** Rotation used by {@code --augment} unless told otherwise, in degrees. */
  public static final double DEFAULT_ROTATION_DEGREES = 10;
  /** Scale change used by {@code --augment} unless told otherwise, as a fraction. */
  public static final double DEFAULT_SCALE = 0.1;
  /** What {@code --augment} turns on. */
  public static final Augmentation DEFAULT =
      new Augmentation(DEFAULT_SHIFT_PIXELS, DEFAULT_ROTATION_DEGREES, DEFAULT_SCALE);

  /** Largest shift accepted: a quarter of the image. */
  public static final double MAX_SHIFT_PIXELS = 7;
  /** Largest rotation accepted. */
  public static final double MAX_ROTATION_DEGREES = 180;
  /** Largest scale change accepted (exclusive). */
  public static final double MAX_SCALE = 0.5;

  // Mixed into the run's seed so the augmentation's noise is not the dropout noise of the same step.
  private static final long SEED_SALT = 0x5DEECE66DL;

  /** Rejects ranges that are negative or would move digits out of the image. */
  public Augmentation {
    if (!(maxShiftPixels >= 0 && maxShiftPixels <= MAX_SHIFT_PIXELS)) {
      throw new InvalidTrainingConfigException(
          TrainingSetting.AUGMENT_SHIFT, "must be in [0, " + number(MAX_SHIFT_PIXELS) + "] pixels", maxShiftPixels);
    }
    if (!(maxRotationDegrees >= 0 && maxRotationDegrees <= MAX_ROTATION_DEGREES)) {
      throw new InvalidTrainingConfigException(
          TrainingSetting.AUGMENT_ROTATION, "must be in [0, " + number(MAX_ROTATION_DEGREES) + "] degrees",
          maxRotationDegrees);
    }
    if (!(maxScale >= 0 && maxScale < MAX_SCALE)) {
      throw new InvalidTrainingConfigException(
          TrainingSetting.AUGMENT_SCALE, "must be in [0, " + number(MAX_SCALE) + ")", maxScale);
    }
  }

  /** Whether any image moves: false for {@link #NONE}. */
  public boolean active() {
    return maxShiftPixels > 0 || maxRotationDegrees > 0 || maxScale > 0;
  }

  /**
   * {@code images} ({@code [n,28,28,1]} in [0,1], background 0) each moved by its own random affine map, drawn
   * from {@code (seed, step)}; bilinear interpolation, zeros where a map reaches outside the image.
   */
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> images, Operand<TInt64> step, long seed) {
    Operand<TInt32> n = tf.slice(tf.shape(images), tf.constant(new int[] {0}), tf.constant(new int[] {1}));
    Operand<TInt64> key = tf.stack(List.of(tf.constant(seed ^ SEED_SALT), step));
    // Four uniforms per image, each mapped to [-1, 1): x shift, y shift, angle, scale.
    Operand<TFloat32> u =
        tf.random.statelessRandomUniform(tf.concat(List.of(n, tf.constant(new int[] {4})), tf.constant(0)), key);
    Operand<TFloat32> r = tf.math.sub(tf.math.mul(u, tf.constant(2f)), tf.constant(1f));
    Unstack<TFloat32> cols = tf.unstack(r, 4L, Unstack.axis(1L));
    Operand<TFloat32> dx = tf.math.mul(cols.output().get(0), tf.constant((float) maxShiftPixels));
    Operand<TFloat32> dy = tf.math.mul(cols.output().get(1), tf.constant((float) maxShiftPixels));
    Operand<TFloat32> angle =
        tf.math.mul(cols.output().get(2), tf.constant((float) Math.toRadians(maxRotationDegrees)));
    Operand<TFloat32> scale =
        tf.math.add(tf.constant(1f), tf.math.mul(cols.output().get(3), tf.constant((float) maxScale)));
    // The transform maps each output pixel (x, y) to the input point it samples:
    // input = R(angle)·(output - c)/scale + c - shift, c the image centre.
    Operand<TFloat32> cos = tf.math.div(tf.math.cos(angle), scale);
    Operand<TFloat32> sin = tf.math.div(tf.math.sin(angle), scale);
    Operand<TFloat32> c = tf.constant((ServingSignature.IMAGE_SIZE - 1) / 2f);
    Operand<TFloat32> a0 = cos;
    Operand<TFloat32> a1 = tf.math.neg(sin);
    Operand<TFloat32> b0 = sin;
    Operand<TFloat32> b1 = cos;
    // a2 = c - a0·c - a1·c - dx, b2 = c - b0·c - b1·c - dy
    Operand<TFloat32> a2 = tf.math.sub(tf.math.sub(c, tf.math.mul(tf.math.add(a0, a1), c)), dx);
    Operand<TFloat32> b2 = tf.math.sub(tf.math.sub(c, tf.math.mul(tf.math.add(b0, b1), c)), dy);
    Operand<TFloat32> zero = tf.zerosLike(dx);
    Operand<TFloat32> transforms = tf.stack(List.of(a0, a1, a2, b0, b1, b2, zero, zero), Stack.axis(1L));
    int size = ServingSignature.IMAGE_SIZE;
    return tf.image.imageProjectiveTransformV3(
        images, transforms, tf.constant(new int[] {size, size}), tf.constant(0f), "BILINEAR",
        ImageProjectiveTransformV3.fillMode("CONSTANT"));
  }

  private static String number(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
