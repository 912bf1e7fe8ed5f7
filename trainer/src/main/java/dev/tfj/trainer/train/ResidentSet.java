package dev.tfj.trainer.train;

import dev.tfj.bundle.ServingSignature;
import dev.tfj.trainer.data.ImageSet;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TUint8;

/**
 * An image set held by the session for a whole run (uint8 pixels and labels, one native tensor each, fed to
 * every step as they are: feeding shares the buffer, it copies nothing), and the ops that take a batch of it by
 * index: a training step is fed a vector of indices, not a batch of floats, so no image is copied on the host.
 * Not graph constants: Grappler spent about 2 s on the first step going over 55 MB of them.
 */
final class ResidentSet implements AutoCloseable {

  private final Placeholder<TUint8> pixels;
  private final Placeholder<TUint8> labels;
  private final int border;
  private final int side;
  private TUint8 pixelData;
  private TUint8 labelData;

  private ResidentSet(Placeholder<TUint8> pixels, Placeholder<TUint8> labels, int border) {
    this.pixels = pixels;
    this.labels = labels;
    this.border = border;
    this.side = ServingSignature.IMAGE_SIZE + 2 * border;
  }

  /** Adds {@code set}'s inputs under {@code tf} and copies its pixels and labels into native tensors, once. */
  static ResidentSet of(Ops tf, ImageSet set) {
    return of(tf, set, 0);
  }

  /**
   * As {@link #of(Ops, ImageSet)}, each image held with {@code border} rows and columns of zero pixels around
   * it: the zero padding LeNet-5 puts around its 28×28 input, done once for the whole set rather than by a Pad
   * op in every step (the same floats reach the network: padding with 0 before or after the division by 255 is
   * the same).
   */
  static ResidentSet of(Ops tf, ImageSet set, int border) {
    ResidentSet resident = declare(tf, border);
    resident.hold(set);
    return resident;
  }

  /**
   * The inputs of a set of 28×28 images held with {@code border} zero pixels around each, under {@code tf}; it
   * holds no images until {@link #hold}: the graph does not depend on them.
   */
  static ResidentSet declare(Ops tf, int border) {
    if (border < 0) {
      throw new IllegalArgumentException("a border of 0 or more pixels, got " + border);
    }
    long side = ServingSignature.IMAGE_SIZE + 2L * border;
    Placeholder<TUint8> pixels =
        tf.withName("pixels").placeholder(TUint8.class, Placeholder.shape(Shape.of(-1, side * side)));
    Placeholder<TUint8> labels = tf.withName("labels").placeholder(TUint8.class, Placeholder.shape(Shape.of(-1)));
    return new ResidentSet(pixels, labels, border);
  }

  /** Copies {@code set}'s pixels (bordered) and labels into native tensors, replacing any set held before. */
  void hold(ImageSet set) {
    if (set.rows() != ServingSignature.IMAGE_SIZE || set.cols() != ServingSignature.IMAGE_SIZE) {
      throw new IllegalArgumentException(
          "expected " + ServingSignature.IMAGE_SIZE + "x" + ServingSignature.IMAGE_SIZE + " images, got "
              + set.rows() + "x" + set.cols());
    }
    long pixelsPerImage = (long) side * side;
    byte[] held = border == 0 ? set.pixels() : bordered(set, border);
    TUint8 newPixels = TUint8.tensorOf(Shape.of(set.count(), pixelsPerImage), DataBuffers.of(held, true, false));
    TUint8 newLabels;
    try {
      newLabels = TUint8.tensorOf(Shape.of(set.count()), DataBuffers.of(set.labels(), true, false));
    } catch (RuntimeException e) {
      newPixels.close();
      throw e;
    }
    close();
    pixelData = newPixels;
    labelData = newLabels;
  }

  private static byte[] bordered(ImageSet set, int border) {
    int rows = set.rows();
    int cols = set.cols();
    int side = rows + 2 * border;
    byte[] out = new byte[Math.multiplyExact(set.count(), side * side)];
    byte[] in = set.pixels();
    for (int i = 0; i < set.count(); i++) {
      for (int r = 0; r < rows; r++) {
        System.arraycopy(in, (i * rows + r) * cols, out, i * side * side + (r + border) * side + border, cols);
      }
    }
    return out;
  }

  /** Feeds the set's tensors to {@code runner}, as every run that gathers from it must. */
  Session.Runner feed(Session.Runner runner) {
    if (pixelData == null) {
      throw new IllegalStateException("no images held");
    }
    return runner.feed(pixels, pixelData).feed(labels, labelData);
  }

  /** Releases the images held, if any. */
  @Override
  public void close() {
    if (pixelData != null) {
      pixelData.close();
      labelData.close();
      pixelData = null;
      labelData = null;
    }
  }

  /**
   * The {@code [N,S,S,1]} pixels in [0,1] of the images at {@code indices}: S is 28, or 28 and the border on
   * each side.
   */
  Operand<TFloat32> images(Ops tf, Operand<TInt32> indices) {
    // Whole uint8 rows are gathered, then converted as ImageBatch.ofBytes converts on the host (a float division
    // by 255, which ResidentSetTest checks gives the same floats); a per-pixel table lookup gave the same floats
    // but took a third of an MLP step.
    Operand<TFloat32> levels = tf.dtypes.cast(tf.gather(pixels, indices, tf.constant(0)), TFloat32.class);
    // The divisor is a placeholder with a default, not a constant: Grappler turns a division by a constant into
    // a multiplication by its reciprocal, which rounds differently.
    Operand<TFloat32> maxLevel = tf.placeholderWithDefault(tf.constant(255f), Shape.scalar());
    return tf.reshape(tf.math.div(levels, maxLevel), tf.constant(new long[] {-1, side, side, 1}));
  }

  /** The {@code [N,10]} one-hot labels of the images at {@code indices}. */
  Operand<TFloat32> oneHot(Ops tf, Operand<TInt32> indices) {
    return tf.oneHot(
        tf.gather(labels, indices, tf.constant(0)), tf.constant(ServingSignature.NUM_CLASSES), tf.constant(1f),
        tf.constant(0f));
  }
}
