package dev.tfj.trainer.train;

import dev.tfj.bundle.ModelLayout;
import dev.tfj.bundle.OneDnn;
import dev.tfj.bundle.ServingSignature;
import dev.tfj.trainer.data.ImageSet;
import dev.tfj.trainer.model.Architecture;
import dev.tfj.trainer.model.Layers;
import dev.tfj.trainer.model.ManualGradient;
import dev.tfj.trainer.model.Mode;
import dev.tfj.trainer.model.ModelGraph;
import dev.tfj.trainer.model.ModelSummary;
import dev.tfj.trainer.model.Parameters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.tensorflow.Graph;
import org.tensorflow.framework.losses.Losses;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.proto.RunMetadata;
import org.tensorflow.proto.RunOptions;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TType;

/**
 * A graph with a training branch (loss, optimizer step, batch-norm updates) and an inference branch over the
 * same variables, and the session that runs both. Variables are named as in the exported graph, so a
 * checkpoint of this graph restores into it.
 */
final class TrainingGraph implements AutoCloseable {

  /** The most images {@link #evaluate} takes at once. */
  static final int EVAL_BATCH = 1000;

  private final Graph graph;
  private final Session session;
  /**
   * Runs the inference branch: {@link #session} itself, or where that computes in bfloat16 a float32 session
   * over the same graph, fed the training session's weights ({@link #weights}), so a run's recorded test
   * accuracy is the exported float32 model's.
   */
  private final Session evalSession;
  /** The variables the inference branch reads, fed into {@link #evalSession} when it is not {@link #session}. */
  private final List<Variable<TFloat32>> weights;
  private final ResidentSet trainData;
  private final ResidentSet testData;
  private final int towers;
  private final Placeholder<TInt32> trainIndices;
  private final Placeholder<TFloat32> trainWeights;
  private final Placeholder<TInt32> evalIndices;
  private final Placeholder<TFloat32> evalWeights;
  private final Operand<TFloat32> trainLoss;
  private final Operand<TFloat32> trainCorrect;
  private final Operand<TFloat32> evalLossSum;
  private final Operand<TInt64> evalClasses;
  private final List<Op> stepTargets = new ArrayList<>();
  private final Placeholder<TInt64> stepInput;
  private final OptimizerStep optimizer;
  private final ModelSummary summary;
  /**
   * Rows of every training step's batch, the last partial batch padded to it; -1 where a step takes only the
   * images it is given (a model with batch statistics: padding rows would change them).
   */
  private final int stepRows;
  private final int batchSize;
  /** Rows of every evaluation batch: {@link #EVAL_BATCH}, rounded up to the tower count. */
  private final int evalRows;
  private int[] paddedIndices = new int[0];
  private float[] rowWeights = new float[0];
  /**
   * A step's feeds, kept for the whole run and rewritten in place (what a step feeds is read only while it
   * runs), with the runner that feeds them: the host side of a step is on its critical path, as nothing runs
   * on the cores between one step's end and the next one's start.
   */
  private final TInt64 stepFeed = TInt64.scalarOf(0);
  private final TFloat32 learningRateFeed = TFloat32.scalarOf(0f);
  private final TFloat32 beta1PowerFeed = TFloat32.scalarOf(0f);
  private final TFloat32 beta2PowerFeed = TFloat32.scalarOf(0f);
  private TInt32 stepIndexFeed;
  private TFloat32 stepWeightFeed;
  private Session.Runner stepRunner;

  /**
   * The graph for training {@code arch} as {@code config} says, holding no images yet ({@link #hold}; the graph
   * does not depend on them). Sets are held for the whole run as native uint8 tensors ({@link ResidentSet},
   * zero-padded to the network's input size unless the training images are augmented): a step gathers its
   * batch by index.
   *
   * <p>On a CPU with more than one core, a model without batch statistics is built as {@link
   * SessionSettings#towers towers}: each takes an equal share of the batch, the loss is the mean over all of
   * it, so the gradients are the single-batch gradients; each tower runs its layers on one core.
   */
  TrainingGraph(Architecture arch, TrainingConfig config) {
    this(arch, config, SessionSettings.towers(arch, config));
  }

  /** The graph for training {@code arch} as {@code config} says on {@code trainSet}, evaluating on {@code testSet}. */
  TrainingGraph(Architecture arch, TrainingConfig config, ImageSet trainSet, ImageSet testSet) {
    this(arch, config, trainSet, testSet, SessionSettings.towers(arch, config));
  }

  /** The same graph built as {@code towers} towers. */
  TrainingGraph(Architecture arch, TrainingConfig config, ImageSet trainSet, ImageSet testSet, int towers) {
    this(arch, config, towers);
    try {
      hold(trainSet, testSet);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** The graph built as {@code towers} towers, holding no images yet. */
  TrainingGraph(Architecture arch, TrainingConfig config, int towers) {
    OneDnn.enableUnlessSet();
    OneDnn.cacheGradientPrimitivesUnlessSet();
    graph = new Graph();
    List<AutoCloseable> opened = new ArrayList<>(List.of(stepFeed, learningRateFeed, beta1PowerFeed, beta2PowerFeed));
    try {
      this.towers = towers;
      Ops tf = Ops.create(graph);
      Parameters params = new Parameters(config.seed());
      Ops data = tf.withSubScope("data");
      // Sets are held already padded to the network's input size (one Pad op less per tower and step), except
      // for augmented training images: their moves are defined on the 28×28 canvas.
      int border = Math.max(0, (arch.inputSize() - ServingSignature.IMAGE_SIZE) / 2);
      trainData = ResidentSet.declare(data.withSubScope("train"), config.augmentation().active() ? 0 : border);
      opened.add(trainData);
      testData = ResidentSet.declare(data.withSubScope("test"), border);
      opened.add(testData);
      // Batches of one fixed size where padding is harmless: with every shape static, Grappler folds the shape
      // arithmetic of the gradients (Shape, BroadcastGradientArgs, DynamicStitch, ...) into constants.
      batchSize = config.batchSize();
      stepRows = arch.usesBatchStatistics() ? -1 : roundUp(batchSize, towers);
      evalRows = roundUp(EVAL_BATCH, towers);
      trainIndices =
          data.withName("train_indices").placeholder(TInt32.class, Placeholder.shape(Shape.of(stepRows)));
      trainWeights =
          data.withName("train_weights").placeholder(TFloat32.class, Placeholder.shape(Shape.of(stepRows)));
      evalIndices = data.withName("eval_indices").placeholder(TInt32.class, Placeholder.shape(Shape.of(evalRows)));
      evalWeights = data.withName("eval_weights").placeholder(TFloat32.class, Placeholder.shape(Shape.of(evalRows)));

      // The whole batch is gathered (and augmented) first, then shared out: each image's random transform is
      // the same however many towers there are.
      Operand<TFloat32> batchImages = augmentation(tf, config, params).apply(trainData.images(data, trainIndices));
      List<Operand<TFloat32>> trainImageParts = split(tf, batchImages);
      List<Operand<TFloat32>> trainLabelParts = split(tf, trainData.oneHot(data, trainIndices));
      List<Operand<TFloat32>> trainWeightParts = split(tf, trainWeights);
      Operand<TFloat32> lossSum = null;
      Operand<TFloat32> correct = null;
      for (int k = 0; k < towers; k++) {
        Ops t = tf.withSubScope(k == 0 ? "train" : "train_tower" + k);
        ModelGraph tower =
            ModelGraph.over(arch, new Layers(tf, t, Mode.TRAIN, params, config.dropout()), trainImageParts.get(k));
        Operand<TFloat32> oneHot = trainLabelParts.get(k);
        Operand<TFloat32> w = trainWeightParts.get(k);
        lossSum =
            plus(t, lossSum, weightedSum(t, crossEntropy(t, tower.logits(), oneHot, config.labelSmoothing()), w));
        correct = plus(t, correct, weightedSum(t, hits(t, tower, oneHot), w));
      }
      Ops t = tf.withSubScope("train");
      trainLoss = t.math.div(lossSum, t.sum(trainWeights, t.constant(0)));
      trainCorrect = correct;

      List<Operand<TInt32>> evalParts = split(tf, evalIndices);
      List<Operand<TFloat32>> evalWeightParts = split(tf, evalWeights);
      Operand<TFloat32> evalSum = null;
      List<Operand<TInt64>> classes = new ArrayList<>();
      for (int k = 0; k < towers; k++) {
        Ops e = tf.withSubScope(k == 0 ? "eval" : "eval_tower" + k);
        ModelGraph tower =
            ModelGraph.over(arch, new Layers(tf, e, Mode.INFERENCE, params, 0), testData.images(e, evalParts.get(k)));
        Operand<TFloat32> oneHot = testData.oneHot(e, evalParts.get(k));
        evalSum =
            plus(e, evalSum, weightedSum(e, crossEntropy(e, tower.logits(), oneHot, 0), evalWeightParts.get(k)));
        classes.add(tower.classes());
      }
      evalLossSum = evalSum;
      evalClasses = towers == 1 ? classes.get(0) : tf.concat(classes, tf.constant(0));

      List<Variable<TFloat32>> vars = params.trainable();
      optimizer =
          new OptimizerStep(
              tf, config.optimizer(), config.momentum(), vars,
              gradients(tf.withSubScope("gradients_by_hand"), trainLoss, params, config.weightDecay()));
      stepTargets.add(optimizer.update());
      stepTargets.addAll(params.updates());
      stepInput = params.step().orElse(null);
      summary = ModelSummary.of(arch, params);

      weights = params.all();
      Precision precision = config.precision().on(config.device(), arch);
      session = new Session(graph, SessionSettings.config(config.device(), config.threads(), towers, precision));
      opened.add(session);
      session.initialize();
      evalSession =
          precision == Precision.FLOAT32
              ? session
              : new Session(graph, SessionSettings.config(config.device(), config.threads(), towers, Precision.FLOAT32));
    } catch (RuntimeException e) {
      for (int i = opened.size() - 1; i >= 0; i--) {
        closeQuietly(opened.get(i), e);
      }
      graph.close();
      throw e;
    }
  }

  /** A graph for training {@code arch} as {@code config} says, {@link #warmUp warmed up}. */
  static TrainingGraph warmedUp(Architecture arch, TrainingConfig config) {
    TrainingGraph graph = new TrainingGraph(arch, config);
    try {
      graph.warmUp();
      return graph;
    } catch (RuntimeException | Error e) {
      graph.close();
      throw e;
    }
  }

  /** Holds {@code trainSet} and {@code testSet} for the steps and evaluations that follow, replacing any held before. */
  void hold(ImageSet trainSet, ImageSet testSet) {
    trainData.hold(trainSet);
    testData.hold(testSet);
    stepRunner = null; // it feeds the tensors held before
  }

  /**
   * Runs one optimizer step and one evaluation on blank images, then sets every variable (optimizer slots
   * included) back to its initial value and lets the images go: the runs' one-time costs, Grappler's rewrite of
   * the graph and oneDNN building its kernels (the first LeNet-5 step took 95–140 ms against 2.5–3.5 ms for
   * the next), are paid here, before the first epoch, where {@link GraphWarmup} overlaps them with loading the
   * data. The initial values are a function of the seed, so training then starts where it would have.
   */
  void warmUp() {
    int rows = stepRows > 0 ? stepRows : roundUp(batchSize, towers);
    hold(blank(rows), blank(evalRows));
    int[] indices = new int[Math.max(rows, evalRows)];
    for (int i = 0; i < indices.length; i++) {
      indices[i] = i;
    }
    step(0, 0, indices, rows);
    evaluate(indices, Math.min(EVAL_BATCH, evalRows), new long[evalRows]);
    saveOnce(); // the first save adds the saver's ops to the graph and has them rewritten: ~70 ms
    session.forceInitialize();
    trainData.close();
    testData.close();
    stepRunner = null;
  }

  private void saveOnce() {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("tfj-warmup");
      session.save(dir.resolve("warmup").toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a warm-up checkpoint in the temporary directory", e);
    } finally {
      if (dir != null) {
        deleteQuietly(dir);
      }
    }
  }

  private static void deleteQuietly(Path dir) {
    try {
      ModelLayout.deleteTree(dir);
    } catch (IOException e) {
      // A temporary directory left behind; the run goes on.
    }
  }

  private static ImageSet blank(int count) {
    int size = ServingSignature.IMAGE_SIZE;
    return new ImageSet(count, size, size, new byte[count * size * size], new byte[count]);
  }

  /**
   * Runs optimizer step number {@code step} (0-based; it keys the dropout noise and Adam's bias correction) at
   * {@code learningRate} on the training images at the first {@code n} of {@code indices}; returns {mean loss,
   * correct count}.
   */
  float[] step(long step, double learningRate, int[] indices, int n) {
    return step(step, learningRate, indices, n, null);
  }

  /**
   * As {@link #step(long, double, int[], int)}, with {@code trace} receiving TensorFlow's record of the run
   * (per-op times with a FULL_TRACE level): what the README's step profile is made from.
   */
  float[] step(long step, double learningRate, int[] indices, int n, Consumer<RunMetadata> trace) {
    long t = step + 1;
    int m = pad(indices, n, stepRows);
    if (stepIndexFeed == null || stepIndexFeed.size() != m) {
      closeStepVectors();
      stepIndexFeed = TInt32.tensorOf(Shape.of(m));
      stepWeightFeed = TFloat32.tensorOf(Shape.of(m));
    }
    stepIndexFeed.copyFrom(DataBuffers.of(paddedIndices, true, false).narrow(m));
    stepWeightFeed.copyFrom(DataBuffers.of(rowWeights, true, false).narrow(m));
    stepFeed.setLong(step);
    learningRateFeed.setFloat((float) learningRate);
    beta1PowerFeed.setFloat((float) Math.pow(OptimizerStep.ADAM_BETA1, t));
    beta2PowerFeed.setFloat((float) Math.pow(OptimizerStep.ADAM_BETA2, t));
    Session.Runner runner;
    if (trace != null) {
      runner =
          stepRunner().setOptions(RunOptions.newBuilder().setTraceLevel(RunOptions.TraceLevel.FULL_TRACE).build());
    } else {
      if (stepRunner == null) {
        stepRunner = stepRunner();
      }
      runner = stepRunner;
    }
    try (Result result = trace != null ? runner.runAndFetchMetadata() : runner.run()) {
      if (trace != null) {
        result.getMetadata().ifPresent(trace);
      }
      return new float[] {((TFloat32) result.get(0)).getFloat(), ((TFloat32) result.get(1)).getFloat()};
    }
  }

  /** A runner of one optimizer step over the current feed tensors. */
  private Session.Runner stepRunner() {
    Session.Runner runner =
        trainData.feed(session.runner())
            .feed(trainIndices, stepIndexFeed)
            .feed(trainWeights, stepWeightFeed)
            .feed(optimizer.learningRate(), learningRateFeed);
    if (optimizer.isAdam()) {
      runner.feed(optimizer.beta1Power(), beta1PowerFeed).feed(optimizer.beta2Power(), beta2PowerFeed);
    }
    if (stepInput != null) {
      runner.feed(stepInput, stepFeed);
    }
    stepTargets.forEach(runner::addTarget);
    return runner.fetch(trainLoss).fetch(trainCorrect);
  }

  private void closeStepVectors() {
    stepRunner = null;
    if (stepIndexFeed != null) {
      stepIndexFeed.close();
      stepIndexFeed = null;
    }
    if (stepWeightFeed != null) {
      stepWeightFeed.close();
      stepWeightFeed = null;
    }
  }

  /**
   * Runs the inference branch on the test images at the first {@code n} of {@code indices}; writes predicted
   * classes into {@code classes} and returns the summed loss.
   */
  double evaluate(int[] indices, int n, long[] classes) {
    if (n > EVAL_BATCH) {
      throw new IllegalArgumentException("an evaluation batch holds at most " + EVAL_BATCH + " images, got " + n);
    }
    int m = pad(indices, n, evalRows);
    try (TInt32 batch = TInt32.tensorOf(Shape.of(m), DataBuffers.of(paddedIndices, true, false).narrow(m));
        TFloat32 w = TFloat32.tensorOf(Shape.of(m), DataBuffers.of(rowWeights, true, false).narrow(m));
        Result current = evalSession == session ? null : fetchWeights()) {
      Session.Runner runner =
          testData.feed(evalSession.runner()).feed(evalIndices, batch).feed(evalWeights, w);
      for (int i = 0; current != null && i < weights.size(); i++) {
        runner.feed(weights.get(i), (TFloat32) current.get(i));
      }
      try (Result result = runner.fetch(evalLossSum).fetch(evalClasses).run()) {
        TInt64 predicted = (TInt64) result.get(1);
        for (int i = 0; i < n; i++) {
          classes[i] = predicted.getLong(i);
        }
        return ((TFloat32) result.get(0)).getFloat();
      }
    }
  }

  private Result fetchWeights() {
    Session.Runner runner = session.runner();
    weights.forEach(runner::fetch);
    return runner.run();
  }

  /**
   * Copies the first {@code n} indices into the feed buffer and pads them to {@code rows} (or, for -1, to a
   * multiple of the tower count) with repeats of the first image at weight 0 (they change neither the loss nor a
   * gradient); returns the padded length.
   */
  private int pad(int[] indices, int n, int rows) {
    int m = rows > 0 ? rows : roundUp(n, towers);
    if (n > m) {
      throw new IllegalArgumentException("a batch of " + n + " images in a graph built for " + m);
    }
    if (paddedIndices.length < m) {
      paddedIndices = new int[m];
      rowWeights = new float[m];
    }
    System.arraycopy(indices, 0, paddedIndices, 0, n);
    Arrays.fill(rowWeights, 0, n, 1f);
    Arrays.fill(paddedIndices, n, m, indices[0]);
    Arrays.fill(rowWeights, n, m, 0f);
    return m;
  }

  private static int roundUp(int n, int multiple) {
    return (n + multiple - 1) / multiple * multiple;
  }

  private static void closeQuietly(AutoCloseable resource, RuntimeException failure) {
    try {
      resource.close();
    } catch (Exception suppressed) {
      failure.addSuppressed(suppressed);
    }
  }

  /** The layers and trainable parameters of the model this graph trains. */
  ModelSummary summary() {
    return summary;
  }

  /** Writes every variable, optimizer slots included, to a checkpoint at {@code prefix}. */
  void save(String prefix) {
    session.save(prefix);
  }

  /** Restores every variable from the checkpoint at {@code prefix}. */
  void restore(String prefix) {
    session.restore(prefix);
  }

  @Override
  public void close() {
    closeStepVectors();
    stepFeed.close();
    learningRateFeed.close();
    beta1PowerFeed.close();
    beta2PowerFeed.close();
    if (evalSession != session) {
      evalSession.close();
    }
    session.close();
    graph.close();
    trainData.close();
    testData.close();
  }

  private <T extends TType> List<Operand<T>> split(Ops tf, Operand<T> batch) {
    if (towers == 1) {
      return List.of(batch);
    }
    return List.copyOf(tf.split(tf.constant(0), batch, (long) towers).output());
  }

  private static Operand<TFloat32> weightedSum(Ops tf, Operand<TFloat32> perImage, Operand<TFloat32> weights) {
    return tf.sum(tf.math.mul(perImage, weights), tf.constant(0));
  }

  private static Operand<TFloat32> plus(Ops tf, Operand<TFloat32> a, Operand<TFloat32> b) {
    return a == null ? b : tf.math.add(a, b);
  }

  /**
   * Per-image cross-entropy from the framework's categorical loss on logits (one fused softmax-cross-entropy
   * kernel). One-hot labels, not sparse ones: SparseSoftmaxCrossEntropyWithLogits has no graph gradient in TF
   * Java. {@code labelSmoothing} of each label is spread over all classes (training only).
   */
  private static Operand<TFloat32> crossEntropy(
      Ops tf, Operand<TFloat32> logits, Operand<TFloat32> oneHot, double labelSmoothing) {
    return Losses.categoricalCrossentropy(tf, oneHot, logits, true, (float) labelSmoothing, -1);
  }

  /** The training images' random moves, keyed by the step input; the identity without augmentation. */
  private static UnaryOperator<Operand<TFloat32>> augmentation(Ops tf, TrainingConfig config, Parameters params) {
    Augmentation a = config.augmentation();
    if (!a.active()) {
      return UnaryOperator.identity();
    }
    return images -> a.apply(tf.withSubScope("augment"), images, params.stepInput(tf), config.seed());
  }

  /**
   * 1 for each image whose predicted class is the labelled one, else 0. Not the framework's CategoricalAccuracy
   * metric: that keeps its running totals in variables, which would land in every checkpoint and add assignments
   * to every step, while the loop already sums what each step returns.
   */
  private static Operand<TFloat32> hits(Ops tf, ModelGraph model, Operand<TFloat32> oneHot) {
    Operand<TInt64> truth = tf.math.argMax(oneHot, tf.constant(1), TInt64.class);
    return tf.dtypes.cast(tf.math.equal(model.classes(), truth), TFloat32.class);
  }

  /**
   * The gradient of the loss plus L2 weight decay λ·Σ‖w‖²/2 for every trainable variable, in {@link
   * Parameters#trainable()} order: automatic differentiation for most, the layers' {@link ManualGradient}s for
   * the rest (summed over towers), and λ·w added for each decayed kernel (the decay term's gradient, the same as
   * PyTorch's SGD weight_decay), so the decay needs no graph of its own. Batch-norm statistics change by their own
   * update ops.
   */
  private List<Output<TFloat32>> gradients(Ops tf, Operand<TFloat32> loss, Parameters params, double weightDecay) {
    List<Variable<TFloat32>> vars = params.trainable();
    List<ManualGradient> manual = params.manualGradients();
    Set<Variable<TFloat32>> byHand = Collections.newSetFromMap(new IdentityHashMap<>());
    manual.forEach(m -> byHand.addAll(m.variables()));
    List<Output<?>> wrt = new ArrayList<>();
    vars.stream().filter(v -> !byHand.contains(v)).forEach(v -> wrt.add(v.asOutput()));
    manual.forEach(m -> wrt.add(m.output().asOutput()));
    Output<?>[] automatic = graph.addGradients(loss.asOutput(), wrt.toArray(Output<?>[]::new));
    Map<Variable<TFloat32>, Operand<TFloat32>> sums = new IdentityHashMap<>();
    int next = 0;
    for (Variable<TFloat32> v : vars) {
      if (!byHand.contains(v)) {
        sums.put(v, floats(automatic[next++]));
      }
    }
    for (ManualGradient m : manual) {
      List<Operand<TFloat32>> parts = m.backprop().apply(tf, floats(automatic[next++]));
      for (int i = 0; i < parts.size(); i++) {
        sums.merge(m.variables().get(i), parts.get(i), tf.math::add);
      }
    }
    if (weightDecay > 0) {
      Operand<TFloat32> lambda = tf.constant((float) weightDecay);
      for (Variable<TFloat32> kernel : params.decayed()) {
        sums.merge(kernel, tf.math.mul(kernel, lambda), tf.math::add);
      }
    }
    List<Output<TFloat32>> typed = new ArrayList<>(vars.size());
    for (Variable<TFloat32> v : vars) {
      Operand<TFloat32> g = sums.get(v);
      if (g == null) {
        throw new IllegalStateException("no gradient for " + v.op().name());
      }
      typed.add(g.asOutput());
    }
    return typed;
  }

  @SuppressWarnings("unchecked")
  private static Operand<TFloat32> floats(Output<?> output) {
    return (Output<TFloat32>) output;
  }
}
