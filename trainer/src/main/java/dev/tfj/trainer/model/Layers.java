package dev.tfj.trainer.model;

import dev.tfj.trainer.model.Parameters.Role;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.nn.FusedBatchNorm;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Layer builders over one graph's {@link Parameters}: the same names give the same variables, so a training
 * branch and an inference branch built with two {@code Layers} share their weights.
 */
public final class Layers {

  /** Batch-norm moving-average decay (PyTorch's momentum 0.1). */
  public static final float BATCH_NORM_DECAY = 0.9f;
  /** Batch-norm epsilon. */
  public static final float BATCH_NORM_EPSILON = 1e-3f;

  private final Ops root;
  private final Ops tf;
  private final Mode mode;
  private final Parameters params;
  private final double dropout;

  /**
   * Layers built in {@code mode} with dropout at {@code dropout} (ignored outside training); variables are
   * named from {@code root}, so branches under other name scopes ({@code ops}) share them.
   */
  public Layers(Ops root, Ops ops, Mode mode, Parameters params, double dropout) {
    this.root = root;
    this.tf = ops;
    this.mode = mode;
    this.params = params;
    this.dropout = dropout;
  }

  /** The ops this builder adds to. */
  public Ops tf() {
    return tf;
  }

  /** A 'VALID' convolution with a bias: {@code filters} kernels of {@code size}×{@code size}. */
  public Operand<TFloat32> conv2d(String name, Operand<TFloat32> x, int filters, int size) {
    Operand<TFloat32> conv = convolve(name, x, filters, size);
    Variable<TFloat32> bias = variable(name, "bias", Shape.of(filters), () -> filled(Shape.of(filters), 0f), Role.BIAS);
    Operand<TFloat32> out = tf.withName(name).nn.biasAdd(conv, bias);
    params.recordLayer(name, out, size * size * channels(x) * filters + filters);
    return out;
  }

  /** A 'VALID' convolution without a bias, for when batch normalisation follows. */
  public Operand<TFloat32> conv2dNoBias(String name, Operand<TFloat32> x, int filters, int size) {
    Operand<TFloat32> out = convolve(name, x, filters, size);
    params.recordLayer(name, out, size * size * channels(x) * filters);
    return out;
  }

  /** A fully connected layer with a bias. */
  public Operand<TFloat32> dense(String name, Operand<TFloat32> x, int units) {
    long in = x.shape().get(1);
    Variable<TFloat32> kernel = variable(name, "kernel", Shape.of(in, units), () -> glorot(Shape.of(in, units)), Role.KERNEL);
    Variable<TFloat32> bias = variable(name, "bias", Shape.of(units), () -> filled(Shape.of(units), 0f), Role.BIAS);
    Operand<TFloat32> out = tf.withName(name).nn.biasAdd(tf.linalg.matMul(x, kernel), bias);
    params.recordLayer(name, out, in * units + units);
    return out;
  }

  /** 2×2 max-pooling with stride 2. */
  public Operand<TFloat32> maxPool(String name, Operand<TFloat32> x) {
    // The attribute form (MaxPool), not tf.nn.maxPool's MaxPoolV2 with window tensors: only MaxPool and its
    // gradient get oneDNN kernels; MaxPoolV2 and its gradient took a quarter of a LeNet-5 training step.
    Operand<TFloat32> out = maxPool2x2(tf, name, x);
    params.recordLayer(name, out, 0);
    return out;
  }

  private static final long[] WINDOW_2X2 = {1, 2, 2, 1};

  private static Operand<TFloat32> maxPool2x2(Ops tf, String name, Operand<TFloat32> x) {
    return tf.scope()
        .opBuilder("MaxPool", name)
        .addInput(x.asOutput())
        .setAttr("ksize", WINDOW_2X2)
        .setAttr("strides", WINDOW_2X2)
        .setAttr("padding", "VALID")
        .build()
        .output(0);
  }

  private static Operand<TFloat32> maxPool2x2Gradient(
      Ops tf, Operand<TFloat32> input, Operand<TFloat32> output, Operand<TFloat32> outputGradient) {
    return tf.scope()
        .opBuilder("MaxPoolGrad", "MaxPoolGrad")
        .addInput(input.asOutput())
        .addInput(output.asOutput())
        .addInput(outputGradient.asOutput())
        .setAttr("ksize", WINDOW_2X2)
        .setAttr("strides", WINDOW_2X2)
        .setAttr("padding", "VALID")
        .build()
        .output(0);
  }

  /**
   * {@link #conv2d} then {@link #maxPool}: the same layers, the same variables, and in inference the same ops.
   *
   * <p>A training branch with a known batch size whose input has one channel (LeNet-5's first layer) is
   * built another way, because oneDNN's kernels for one input and six output channels are slow, and max-pooling
   * six channels slower still (its gradient took 0.26 ms a step against 0.04 ms for 192 channels): the batch is
   * laid out as channels of one image, each repeated once per filter ({@code [1, H, W, N·F]}), so the
   * convolution is a depthwise one and the pooling runs over N·F channels; the result is laid back out as
   * {@code [N, H/2, W/2, F]}: the same sums of the same products, by other kernels. The kernel's
   * automatic gradient would be a depthwise filter gradient over a batch of one, slower than the whole layer,
   * so the kernel and bias are computed by hand ({@link ManualGradient}): the pooling gradient in the channel
   * layout, then one {@code Conv2DBackpropFilter} and bias gradient on the usual layout.
   */
  public Operand<TFloat32> conv2dThenMaxPool(
      String convName, String poolName, Operand<TFloat32> x, int filters, int size) {
    Shape in = x.shape();
    long n = in.get(0);
    long side = in.get(1);
    if (mode != Mode.TRAIN || n <= 0 || in.numDimensions() != 4 || channels(x) != 1 || in.get(2) != side
        || side < size || (side - size + 1) % 2 != 0) {
      return maxPool(poolName, conv2d(convName, x, filters, size));
    }
    int out = (int) (side - size + 1);
    int pooled = out / 2;
    int planes = Math.toIntExact(n * filters);
    Shape kernelShape = Shape.of(size, size, 1, filters);
    Variable<TFloat32> kernel = variable(convName, "kernel", kernelShape, () -> glorot(kernelShape), Role.KERNEL);
    Variable<TFloat32> bias = variable(convName, "bias", Shape.of(filters), () -> filled(Shape.of(filters), 0f), Role.BIAS);
    Ops t = tf.withSubScope(convName);
    // Kernel and bias repeated once per image, as one matrix product: spread[f, i·F + f] = 1.
    float[] spread = new float[filters * planes];
    int[] repeat = new int[planes];
    for (int p = 0; p < planes; p++) {
      spread[(p % filters) * planes + p] = 1f;
      repeat[p] = p / filters;
    }
    Operand<TFloat32> spreadOp = t.constant(Shape.of(filters, planes), DataBuffers.of(spread, true, false));
    Operand<TFloat32> depthwiseKernel =
        t.stopGradient(
            t.reshape(
                t.linalg.matMul(t.reshape(kernel, t.constant(new long[] {(long) size * size, filters})), spreadOp),
                t.constant(new long[] {size, size, planes, 1})));
    Operand<TFloat32> planeBias =
        t.stopGradient(
            t.reshape(
                t.linalg.matMul(t.reshape(bias, t.constant(new long[] {1, filters})), spreadOp),
                t.constant(new long[] {planes})));
    // [N, S·S] rows, each image's row repeated F times, then transposed: one image plane per channel.
    Operand<TFloat32> rows =
        t.gather(t.reshape(x, t.constant(new long[] {n, side * side})), t.constant(repeat), t.constant(0));
    Operand<TFloat32> images =
        t.reshape(
            t.linalg.transpose(rows, t.constant(new int[] {1, 0})), t.constant(new long[] {1, side, side, planes}));
    Operand<TFloat32> conv =
        t.nn.biasAdd(t.nn.depthwiseConv2dNative(images, depthwiseKernel, List.of(1L, 1L, 1L, 1L), "VALID"), planeBias);
    Operand<TFloat32> pool = maxPool2x2(t, poolName, conv);
    Operand<TFloat32> result =
        t.linalg.transpose(
            t.reshape(pool, t.constant(new long[] {pooled, pooled, n, filters})), t.constant(new int[] {2, 0, 1, 3}));
    params.recordLayer(convName, Shape.of(n, out, out, filters), (long) size * size * filters + filters);
    params.recordLayer(poolName, result, 0);
    params.addManualGradient(
        new ManualGradient(
            result,
            List.of(kernel, bias),
            (g, resultGradient) -> {
              Operand<TFloat32> poolGradient =
                  g.reshape(
                      g.linalg.transpose(resultGradient, g.constant(new int[] {1, 2, 0, 3})),
                      g.constant(new long[] {1, pooled, pooled, planes}));
              Operand<TFloat32> convGradient = maxPool2x2Gradient(g, conv, pool, poolGradient);
              Operand<TFloat32> outputGradient =
                  g.linalg.transpose(
                      g.reshape(convGradient, g.constant(new long[] {out, out, n, filters})),
                      g.constant(new int[] {2, 0, 1, 3}));
              // Grappler fuses these two into one oneDNN primitive (float32 sums even in bfloat16).
              Operand<TFloat32> kernelGradient =
                  g.nn.conv2dBackpropFilter(
                      x, g.constant(new int[] {size, size, 1, filters}), outputGradient, List.of(1L, 1L, 1L, 1L),
                      "VALID");
              Operand<TFloat32> biasGradient = g.nn.biasAddGrad(outputGradient);
              return List.of(kernelGradient, biasGradient);
            }));
    return result;
  }

  /** Flattens {@code [N, ...]} to {@code [N, features]}. */
  public Operand<TFloat32> flatten(String name, Operand<TFloat32> x) {
    long features = Arrays.stream(x.shape().asArray()).skip(1).reduce(1, (a, b) -> a * b);
    Operand<TFloat32> out = tf.withName(name).reshape(x, tf.constant(new long[] {-1, features}));
    params.recordLayer(name, out, 0);
    return out;
  }

  /** ReLU. */
  public Operand<TFloat32> relu(Operand<TFloat32> x) {
    return tf.nn.relu(x);
  }

  /**
   * Batch normalisation over the channel axis: batch statistics while training (and moving averages updated
   * by {@link Parameters#updates()}), the moving averages at inference.
   */
  public Operand<TFloat32> batchNorm(String name, Operand<TFloat32> x) {
    long c = channels(x);
    Variable<TFloat32> gamma = variable(name, "gamma", Shape.of(c), () -> filled(Shape.of(c), 1f), Role.BIAS);
    Variable<TFloat32> beta = variable(name, "beta", Shape.of(c), () -> filled(Shape.of(c), 0f), Role.BIAS);
    Variable<TFloat32> mean = variable(name, "moving_mean", Shape.of(c), () -> filled(Shape.of(c), 0f), Role.STATISTIC);
    Variable<TFloat32> var = variable(name, "moving_variance", Shape.of(c), () -> filled(Shape.of(c), 1f), Role.STATISTIC);
    boolean training = mode == Mode.TRAIN;
    FusedBatchNorm<TFloat32, TFloat32> bn =
        tf.withName(name)
            .nn
            .fusedBatchNorm(
                x,
                gamma,
                beta,
                mean,
                var,
                FusedBatchNorm.isTraining(training),
                FusedBatchNorm.epsilon(BATCH_NORM_EPSILON));
    if (training) {
      params.addUpdate(movingAverage(mean, bn.batchMean()));
      params.addUpdate(movingAverage(var, bn.batchVariance()));
    }
    params.recordLayer(name, bn.y(), 2 * c);
    return bn.y();
  }

  /** Inverted dropout at the configured rate while training; the identity otherwise. */
  public Operand<TFloat32> dropout(Operand<TFloat32> x) {
    if (mode != Mode.TRAIN || dropout <= 0) {
      return x;
    }
    float keep = (float) (1 - dropout);
    // Stateless noise keyed by (layer seed, training step): a resumed run draws the same masks.
    Operand<TInt64> key = tf.stack(List.of(tf.constant(params.nextSeed()), params.stepInput(tf)));
    Operand<TFloat32> noise = tf.random.statelessRandomUniform(tf.shape(x), key);
    Operand<TFloat32> mask = tf.math.floor(tf.math.add(noise, tf.constant(keep)));
    return tf.math.mul(x, tf.math.div(mask, tf.constant(keep)));
  }

  private Operand<TFloat32> convolve(String name, Operand<TFloat32> x, int filters, int size) {
    Shape shape = Shape.of(size, size, channels(x), filters);
    Variable<TFloat32> kernel = variable(name, "kernel", shape, () -> glorot(shape), Role.KERNEL);
    if (x.shape().get(1) == size && x.shape().get(2) == size) {
      // The window covers the whole input (LeNet-5's conv3): the convolution is one matrix product of the
      // flattened input (H, W, C order) with the kernel flattened the same way. Same sums, same variable, but
      // a matrix product is several times faster than Conv2D's kernels and their gradients at this shape.
      long features = (long) size * size * channels(x);
      Operand<TFloat32> flat = tf.reshape(x, tf.constant(new long[] {-1, features}));
      Operand<TFloat32> w = tf.reshape(kernel, tf.constant(new long[] {features, filters}));
      return tf.reshape(tf.linalg.matMul(flat, w), tf.constant(new long[] {-1, 1, 1, filters}));
    }
    return tf.nn.conv2d(x, kernel, List.of(1L, 1L, 1L, 1L), "VALID");
  }

  private Op movingAverage(Variable<TFloat32> average, Operand<TFloat32> batch) {
    Operand<TFloat32> decayed = tf.math.mul(average, tf.constant(BATCH_NORM_DECAY));
    Operand<TFloat32> fresh = tf.math.mul(batch, tf.constant(1 - BATCH_NORM_DECAY));
    return tf.assign(average, tf.math.add(decayed, fresh));
  }

  /**
   * Glorot-uniform, TensorFlow's default: U(-√(6/(fan_in+fan_out)), +√(6/(fan_in+fan_out))), from a stateless
   * seeded generator, so the same seed gives the same weights. (He-uniform starts LeNet-5 at a loss of ~4.9;
   * Glorot starts it near ln 10 = 2.3.)
   *
   * <p>Not tensorflow-framework's {@code Glorot}/{@code VarianceScaling} (1.1.0): they take the shape as an
   * operand, and in a graph {@code ShapeUtils.toShape} reads its value by opening a second {@code Session} on the
   * graph under construction and running it, once per variable; the fans are computed from that, not from the
   * static {@code Shape} we already hold. Our kernels, checkpoints and the seeded results of earlier runs also
   * depend on this exact expression ({@code (2u - 1) * limit} over one stateless uniform draw).
   */
  private Initial glorot(Shape shape) {
    long outputs = shape.get(shape.numDimensions() - 1);
    long receptive = shape.size() / (outputs * shape.get(shape.numDimensions() - 2));
    long fanIn = shape.size() / outputs;
    long fanOut = receptive * outputs;
    float limit = (float) Math.sqrt(6.0 / (fanIn + fanOut));
    long seed = params.nextSeed();
    return scope -> {
      Operand<TFloat32> unit =
          scope.random.statelessRandomUniform(scope.constant(shape), scope.constant(new long[] {seed, 0}));
      return scope.math.mul(
          scope.math.sub(scope.math.mul(unit, scope.constant(2f)), scope.constant(1f)), scope.constant(limit));
    };
  }

  private static Initial filled(Shape shape, float value) {
    return scope -> scope.fill(scope.constant(shape), scope.constant(value));
  }

  /** An initial value, built in the init scope only when the variable is first created. */
  @FunctionalInterface
  private interface Initial {
    Operand<TFloat32> build(Ops initScope);
  }

  private Variable<TFloat32> variable(
      String layer, String name, Shape shape, Supplier<Initial> init, Role role) {
    // Flat names ("conv1_kernel"): the optimizers derive slot names from them, and those may not hold '/'.
    String fullName = layer + "_" + name;
    return params.getOrCreate(
        fullName,
        () -> {
          Ops scope = root.withInitScope();
          Operand<TFloat32> initial = init.get().build(scope);
          return scope.withName(fullName).variable(initial);
        },
        role);
  }

  private static long channels(Operand<TFloat32> x) {
    return x.shape().get(x.shape().numDimensions() - 1);
  }
}
