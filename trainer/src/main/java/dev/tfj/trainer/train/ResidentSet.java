package dev.tfj.trainer.train;

import dev.tfj.bundle.ServingSignature;
import dev.tfj.trainer.data.ImageSet;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TUint8;

/**
 * An image set held in the graph as it was loaded (uint8 pixels and labels, one constant each), and the ops that
 * take a batch of it by index: a training step is fed a vector of indices, not a batch of floats, so no image is
 * copied on the host once the graph is built.
 */
final class ResidentSet {

  private final Operand<TUint8> pixels;
  private final Operand<TUint8> labels;

  private ResidentSet(Operand<TUint8> pixels, Operand<TUint8> labels) {
    this.pixels = pixels;
    this.labels = labels;
  }

  /** Adds {@code set}'s constants under {@code tf}. */
  static ResidentSet of(Ops tf, ImageSet set) {
    Operand<TUint8> pixels =
        tf.withName("pixels")
            .constant(Shape.of(set.count(), (long) set.rows() * set.cols()), DataBuffers.of(set.pixels(), true, false));
    Operand<TUint8> labels =
        tf.withName("labels").constant(Shape.of(set.count()), DataBuffers.of(set.labels(), true, false));
    return new ResidentSet(pixels, labels);
  }

  /** The {@code [N,28,28,1]} pixels in [0,1] of the images at {@code indices}. */
  Operand<TFloat32> images(Ops tf, Operand<TInt32> indices) {
    int size = ServingSignature.IMAGE_SIZE;
    // Whole uint8 rows are gathered, then converted as ImageBatch.ofBytes converts on the host (a float division
    // by 255, which ResidentSetTest checks gives the same floats); a per-pixel table lookup gave the same floats
    // but took a third of an MLP step.
    Operand<TFloat32> levels = tf.dtypes.cast(tf.gather(pixels, indices, tf.constant(0)), TFloat32.class);
    // The divisor is a placeholder with a default, not a constant: Grappler turns a division by a constant into
    // a multiplication by its reciprocal, which rounds differently.
    Operand<TFloat32> maxLevel = tf.placeholderWithDefault(tf.constant(255f), Shape.scalar());
    return tf.reshape(tf.math.div(levels, maxLevel), tf.constant(new long[] {-1, size, size, 1}));
  }

  /** The {@code [N,10]} one-hot labels of the images at {@code indices}. */
  Operand<TFloat32> oneHot(Ops tf, Operand<TInt32> indices) {
    return tf.oneHot(
        tf.gather(labels, indices, tf.constant(0)), tf.constant(ServingSignature.NUM_CLASSES), tf.constant(1f),
        tf.constant(0f));
  }
}
