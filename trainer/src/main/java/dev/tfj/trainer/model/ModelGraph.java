package dev.tfj.trainer.model;

import dev.tfj.bundle.ServingSignature;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * The serving graph around an architecture: the {@code images} input in [0,1], the in-graph preprocessing
 * (zero padding to the architecture's input size, then MNIST normalisation), logits, and the
 * {@code probabilities} and {@code classes} outputs.
 */
public final class ModelGraph {

  /** Mean pixel intensity of the MNIST training set, in [0,1]. */
  public static final float MNIST_MEAN = 0.1307f;
  /** Standard deviation of MNIST training pixel intensities, in [0,1]. */
  public static final float MNIST_STD = 0.3081f;

  private final Operand<TFloat32> images;
  private final Operand<TFloat32> logits;
  private final Operand<TFloat32> probabilities;
  private final Operand<TInt64> classes;

  private ModelGraph(
      Operand<TFloat32> images,
      Operand<TFloat32> logits,
      Operand<TFloat32> probabilities,
      Operand<TInt64> classes) {
    this.images = images;
    this.logits = logits;
    this.probabilities = probabilities;
    this.classes = classes;
  }

  /** Builds the input, preprocessing, network and outputs with {@code nn}'s ops. */
  public static ModelGraph build(Architecture arch, Layers nn) {
    Ops tf = nn.tf();
    int size = ServingSignature.IMAGE_SIZE;
    Placeholder<TFloat32> images =
        tf.withName(ServingSignature.INPUT_IMAGES)
            .placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, size, size, 1)));
    return over(arch, nn, images);
  }

  /**
   * Builds the preprocessing, network and outputs over {@code images} ({@code [N,28,28,1]} in [0,1], or already
   * zero-padded to the architecture's input size), which another part of the graph computes: the training graph
   * gathers its batches from a resident copy of the dataset instead of taking them through a placeholder.
   */
  public static ModelGraph over(Architecture arch, Layers nn, Operand<TFloat32> images) {
    Ops tf = nn.tf();
    Operand<TFloat32> logits = arch.logits(nn, preprocess(tf, images, arch.inputSize()));
    Operand<TFloat32> probabilities =
        tf.withName(ServingSignature.OUTPUT_PROBABILITIES).nn.softmax(logits);
    Operand<TInt64> classes =
        tf.withName(ServingSignature.OUTPUT_CLASSES)
            .math
            .argMax(logits, tf.constant(1), TInt64.class);
    return new ModelGraph(images, logits, probabilities, classes);
  }

  private static Operand<TFloat32> preprocess(Ops tf, Operand<TFloat32> images, int inputSize) {
    Operand<TFloat32> x = images;
    long side = images.shape().get(1);
    int pad = (int) (inputSize - (side > 0 ? side : ServingSignature.IMAGE_SIZE)) / 2;
    if (pad > 0) {
      int[][] paddings = {{0, 0}, {pad, pad}, {pad, pad}, {0, 0}};
      x = tf.pad(x, tf.constant(paddings), tf.constant(0f));
    }
    return tf.math.div(tf.math.sub(x, tf.constant(MNIST_MEAN)), tf.constant(MNIST_STD));
  }

  /** The {@code [N,28,28,1]} float input: a placeholder when {@link #build built}, else what it was built over. */
  public Operand<TFloat32> images() {
    return images;
  }

  /** The {@code [N,10]} logits. */
  public Operand<TFloat32> logits() {
    return logits;
  }

  /** The {@code [N,10]} softmax probabilities. */
  public Operand<TFloat32> probabilities() {
    return probabilities;
  }

  /** The {@code [N]} most probable classes. */
  public Operand<TInt64> classes() {
    return classes;
  }
}
