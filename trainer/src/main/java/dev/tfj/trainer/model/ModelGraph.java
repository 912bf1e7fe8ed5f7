package dev.tfj.trainer.model;

import dev.tfj.bundle.ServingSignature;
import java.util.function.UnaryOperator;
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

  private final Placeholder<TFloat32> images;
  private final Operand<TFloat32> logits;
  private final Operand<TFloat32> probabilities;
  private final Operand<TInt64> classes;

  private ModelGraph(
      Placeholder<TFloat32> images,
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
    return build(arch, nn, UnaryOperator.identity());
  }

  /** As {@link #build(Architecture, Layers)}, with {@code inputTransform} applied to the images before preprocessing. */
  public static ModelGraph build(Architecture arch, Layers nn, UnaryOperator<Operand<TFloat32>> inputTransform) {
    Ops tf = nn.tf();
    int size = ServingSignature.IMAGE_SIZE;
    Placeholder<TFloat32> images =
        tf.withName(ServingSignature.INPUT_IMAGES)
            .placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, size, size, 1)));
    Operand<TFloat32> logits = arch.logits(nn, preprocess(tf, inputTransform.apply(images), arch.inputSize()));
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
    int pad = (inputSize - ServingSignature.IMAGE_SIZE) / 2;
    if (pad > 0) {
      int[][] paddings = {{0, 0}, {pad, pad}, {pad, pad}, {0, 0}};
      x = tf.pad(x, tf.constant(paddings), tf.constant(0f));
    }
    return tf.math.div(tf.math.sub(x, tf.constant(MNIST_MEAN)), tf.constant(MNIST_STD));
  }

  /** The {@code [N,28,28,1]} float input. */
  public Placeholder<TFloat32> images() {
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
