package dev.tfj.trainer.train;

import dev.tfj.bundle.OneDnn;
import dev.tfj.bundle.ServingSignature;
import dev.tfj.trainer.model.Architecture;
import dev.tfj.trainer.model.Layers;
import dev.tfj.trainer.model.Mode;
import dev.tfj.trainer.model.ModelGraph;
import dev.tfj.trainer.model.ModelSummary;
import dev.tfj.trainer.model.Parameters;
import java.util.ArrayList;
import java.util.List;
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
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * A graph with a training branch (loss, optimizer step, batch-norm updates) and an inference branch over the
 * same variables, and the session that runs both. Variables are named as in the exported graph, so a
 * checkpoint of this graph restores into it.
 */
final class TrainingGraph implements AutoCloseable {

  private final Graph graph;
  private final Session session;
  private final ModelGraph train;
  private final ModelGraph eval;
  private final Placeholder<TFloat32> trainLabels;
  private final Placeholder<TFloat32> evalLabels;
  private final Operand<TFloat32> trainLoss;
  private final Operand<TFloat32> trainCorrect;
  private final Operand<TFloat32> evalLossSum;
  private final List<Op> stepTargets = new ArrayList<>();
  private final Placeholder<TInt64> stepInput;
  private final OptimizerStep optimizer;
  private final ModelSummary summary;

  TrainingGraph(Architecture arch, TrainingConfig config) {
    OneDnn.enableUnlessSet();
    graph = new Graph();
    try {
      Ops tf = Ops.create(graph);
      Parameters params = new Parameters(config.seed());
      train = ModelGraph.build(arch, new Layers(tf, tf.withSubScope("train"), Mode.TRAIN, params, config.dropout()),
          augmentation(tf, config, params));
      eval = ModelGraph.build(arch, new Layers(tf, tf.withSubScope("eval"), Mode.INFERENCE, params, 0));

      Ops t = tf.withSubScope("train");
      trainLabels = labels(t);
      Operand<TFloat32> dataLoss =
          t.math.mean(crossEntropy(t, train.logits(), trainLabels, config.labelSmoothing()), t.constant(0));
      trainLoss = dataLoss;
      trainCorrect = correct(t, train, trainLabels);
      Operand<TFloat32> objective = withWeightDecay(t, dataLoss, params, config.weightDecay());

      Ops e = tf.withSubScope("eval");
      evalLabels = labels(e);
      evalLossSum = e.sum(crossEntropy(e, eval.logits(), evalLabels, 0), e.constant(0));

      List<Variable<TFloat32>> vars = params.trainable();
      optimizer = new OptimizerStep(tf, config.optimizer(), config.momentum(), vars, gradients(objective, vars));
      stepTargets.add(optimizer.update());
      stepTargets.addAll(params.updates());
      stepInput = params.step().orElse(null);
      summary = ModelSummary.of(arch, params);

      session = new Session(graph, SessionSettings.config(config.device(), config.threads()));
      session.initialize();
    } catch (RuntimeException e) {
      graph.close();
      throw e;
    }
  }

  /**
   * Runs optimizer step number {@code step} (0-based; it keys the dropout noise and Adam's bias correction) at
   * {@code learningRate}; returns {mean loss, correct count}.
   */
  float[] step(long step, double learningRate, float[] images, float[] oneHot, int n) {
    long t = step + 1;
    try (TFloat32 x = images(images, n);
        TFloat32 y = oneHot(oneHot, n);
        TInt64 s = TInt64.scalarOf(step);
        TFloat32 lr = TFloat32.scalarOf((float) learningRate);
        TFloat32 b1 = TFloat32.scalarOf((float) Math.pow(OptimizerStep.ADAM_BETA1, t));
        TFloat32 b2 = TFloat32.scalarOf((float) Math.pow(OptimizerStep.ADAM_BETA2, t))) {
      Session.Runner runner =
          session.runner().feed(train.images(), x).feed(trainLabels, y).feed(optimizer.learningRate(), lr);
      if (optimizer.isAdam()) {
        runner.feed(optimizer.beta1Power(), b1).feed(optimizer.beta2Power(), b2);
      }
      if (stepInput != null) {
        runner.feed(stepInput, s);
      }
      stepTargets.forEach(runner::addTarget);
      try (Result result = runner.fetch(trainLoss).fetch(trainCorrect).run()) {
        return new float[] {
          ((TFloat32) result.get(0)).getFloat(), ((TFloat32) result.get(1)).getFloat()
        };
      }
    }
  }

  /** Runs the inference branch; writes predicted classes into {@code classes} and returns the summed loss. */
  double evaluate(float[] images, float[] oneHot, int n, long[] classes) {
    try (TFloat32 x = images(images, n);
        TFloat32 y = oneHot(oneHot, n);
        Result result =
            session.runner().feed(eval.images(), x).feed(evalLabels, y).fetch(evalLossSum).fetch(eval.classes()).run()) {
      TInt64 predicted = (TInt64) result.get(1);
      for (int i = 0; i < n; i++) {
        classes[i] = predicted.getLong(i);
      }
      return ((TFloat32) result.get(0)).getFloat();
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
    session.close();
    graph.close();
  }

  private static TFloat32 images(float[] data, int n) {
    int size = ServingSignature.IMAGE_SIZE;
    return TFloat32.tensorOf(
        Shape.of(n, size, size, 1), DataBuffers.of(data, true, false).narrow((long) n * size * size));
  }

  private static TFloat32 oneHot(float[] data, int n) {
    int classes = ServingSignature.NUM_CLASSES;
    return TFloat32.tensorOf(Shape.of(n, classes), DataBuffers.of(data, true, false).narrow((long) n * classes));
  }

  private static Placeholder<TFloat32> labels(Ops tf) {
    return tf.withName("labels")
        .placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, ServingSignature.NUM_CLASSES)));
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
   * Images whose predicted class is the labelled one. Not the framework's CategoricalAccuracy metric: that keeps
   * its running totals in variables, which would land in every checkpoint and add assignments to every step,
   * while the loop already sums what each step returns.
   */
  private static Operand<TFloat32> correct(Ops tf, ModelGraph model, Operand<TFloat32> oneHot) {
    Operand<TInt64> truth = tf.math.argMax(oneHot, tf.constant(1), TInt64.class);
    return tf.sum(tf.dtypes.cast(tf.math.equal(model.classes(), truth), TFloat32.class), tf.constant(0));
  }

  private static Operand<TFloat32> withWeightDecay(
      Ops tf, Operand<TFloat32> loss, Parameters params, double weightDecay) {
    if (weightDecay <= 0 || params.decayed().isEmpty()) {
      return loss;
    }
    // λ·Σ‖w‖²/2: its gradient is λ·w, the same as PyTorch's SGD weight_decay.
    Operand<TFloat32> l2 = null;
    for (Variable<TFloat32> kernel : params.decayed()) {
      Operand<TFloat32> term = tf.nn.l2Loss(kernel);
      l2 = l2 == null ? term : tf.math.add(l2, term);
    }
    return tf.math.add(loss, tf.math.mul(tf.constant((float) weightDecay), l2));
  }

  // Gradients for the trainable variables only: batch-norm statistics change by their own update ops.
  private List<Output<TFloat32>> gradients(Operand<TFloat32> loss, List<Variable<TFloat32>> vars) {
    Output<?>[] outputs = vars.stream().map(Variable::asOutput).toArray(Output[]::new);
    Output<?>[] grads = graph.addGradients(loss.asOutput(), outputs);
    List<Output<TFloat32>> typed = new ArrayList<>(grads.length);
    for (Output<?> grad : grads) {
      @SuppressWarnings("unchecked")
      Output<TFloat32> g = (Output<TFloat32>) grad;
      typed.add(g);
    }
    return typed;
  }
}
