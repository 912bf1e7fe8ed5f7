package dev.tfj.trainer.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * The variables of one graph, created once by name and shared by every branch (train, inference) built on
 * them; also what the training loop needs to know about them: which are trained, which decay, which
 * statistics update each step.
 */
public final class Parameters {

  private final Map<String, Variable<TFloat32>> variables = new HashMap<>();
  private final List<Variable<TFloat32>> trainable = new ArrayList<>();
  private final List<Variable<TFloat32>> decayed = new ArrayList<>();
  private final List<Op> updates = new ArrayList<>();
  private final List<ManualGradient> manualGradients = new ArrayList<>();
  private final Map<String, LayerInfo> layers = new LinkedHashMap<>();
  private final long seed;
  private long nextSeed;
  private Placeholder<TInt64> step;

  /** Parameters whose initial values derive from {@code seed}, in creation order. */
  public Parameters(long seed) {
    this.seed = seed;
    this.nextSeed = seed;
  }

  /** The seed the initial values derive from. */
  public long seed() {
    return seed;
  }

  /** A fresh op-level seed, deterministic given the base seed and the order of calls. */
  long nextSeed() {
    return nextSeed++ * 1_000_003L + 17;
  }

  Variable<TFloat32> getOrCreate(String name, Supplier<Variable<TFloat32>> create, Role role) {
    Variable<TFloat32> existing = variables.get(name);
    if (existing != null) {
      return existing;
    }
    Variable<TFloat32> v = create.get();
    variables.put(name, v);
    if (role != Role.STATISTIC) {
      trainable.add(v);
    }
    if (role == Role.KERNEL) {
      decayed.add(v);
    }
    return v;
  }

  /** The scalar training-step input that keys random noise (dropout, augmentation), created on first use. */
  public Placeholder<TInt64> stepInput(Ops tf) {
    if (step == null) {
      step = tf.withName("step").placeholder(TInt64.class, Placeholder.shape(Shape.scalar()));
    }
    return step;
  }

  /** The training-step input to feed with every step, if any layer needs one. */
  public Optional<Placeholder<TInt64>> step() {
    return Optional.ofNullable(step);
  }

  void addUpdate(Op update) {
    updates.add(update);
  }

  void recordLayer(String name, Operand<TFloat32> output, long parameters) {
    recordLayer(name, output.shape(), parameters);
  }

  void recordLayer(String name, Shape output, long parameters) {
    layers.computeIfAbsent(name, n -> new LayerInfo(n, staticShape(output), parameters));
  }

  void addManualGradient(ManualGradient gradient) {
    manualGradients.add(gradient);
  }

  /**
   * Gradients the training graph computes by hand rather than by automatic differentiation (one per layer and
   * training tower that asked for it); their variables get no gradient any other way.
   */
  public List<ManualGradient> manualGradients() {
    return Collections.unmodifiableList(manualGradients);
  }

  /** Every variable: the trained ones and the batch-norm statistics (not optimizer slots). */
  public List<Variable<TFloat32>> all() {
    return List.copyOf(variables.values());
  }

  /** Variables the optimizer trains. */
  public List<Variable<TFloat32>> trainable() {
    return Collections.unmodifiableList(trainable);
  }

  /** Kernels that L2 weight decay applies to (not biases, not batch-norm scales). */
  public List<Variable<TFloat32>> decayed() {
    return Collections.unmodifiableList(decayed);
  }

  /** Ops to run with every training step (batch-norm moving averages). */
  public List<Op> updates() {
    return Collections.unmodifiableList(updates);
  }

  /** The layers in build order, with parameter counts read from their variables' shapes. */
  public List<LayerInfo> layers() {
    return List.copyOf(layers.values());
  }

  /** Total trainable parameters. */
  public long trainableCount() {
    return trainable.stream().mapToLong(v -> v.shape().size()).sum();
  }

  /** The output's shape per image: the batch dimension is -1 whatever batch size the branch was built for. */
  private static List<Long> staticShape(Shape output) {
    long[] dims = output.asArray();
    List<Long> shape = new ArrayList<>(dims.length);
    for (int i = 0; i < dims.length; i++) {
      shape.add(i == 0 || dims[i] < 0 ? -1L : dims[i]);
    }
    return shape;
  }

  enum Role {
    KERNEL,
    BIAS,
    STATISTIC
  }
}
