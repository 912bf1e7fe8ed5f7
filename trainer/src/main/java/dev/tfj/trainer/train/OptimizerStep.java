package dev.tfj.trainer.train;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Identity;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * One optimizer update of every trainable variable, with the learning rate (and Adam's bias corrections)
 * fed at each step, so the schedule is computed from the global step and a resumed run follows it exactly.
 * The slots are ordinary variables named {@code <variable>_<slot>}, saved in every checkpoint.
 *
 * <p>Not tensorflow-framework's {@code Momentum}/{@code Adam} (1.1.0): their constructors take the learning rate
 * as a {@code float} and bake it into the graph as a constant, so a cosine schedule would need a new graph per
 * step, and a resumed run could not continue the schedule; {@code Adam} also keeps β₁ᵗ/β₂ᵗ in its own variables
 * instead of deriving them from the global step. Their {@code applyGradients} also lets an update run while
 * backprop into an earlier layer still reads the old kernel (see below).
 */
final class OptimizerStep {

  static final float ADAM_BETA1 = 0.9f;
  static final float ADAM_BETA2 = 0.999f;
  static final float ADAM_EPSILON = 1e-7f;

  private final Placeholder<TFloat32> learningRate;
  private final Placeholder<TFloat32> beta1Power;
  private final Placeholder<TFloat32> beta2Power;
  private final Op update;
  private final OptimizerKind kind;

  OptimizerStep(
      Ops tf, OptimizerKind kind, double momentum, List<Variable<TFloat32>> vars, List<Output<TFloat32>> grads) {
    this.kind = kind;
    learningRate = scalar(tf, "learning_rate");
    beta1Power = scalar(tf, "adam_beta1_power");
    beta2Power = scalar(tf, "adam_beta2_power");
    // Every update waits for every gradient: otherwise an update can overwrite a kernel that backprop into
    // an earlier layer still has to read, and training drifts or diverges depending on scheduling order.
    List<Identity<TFloat32>> ready = grads.stream().map(tf::identity).toList();
    Ops after = tf.withControlDependencies(List.copyOf(ready));
    List<Op> updates = new ArrayList<>();
    for (int i = 0; i < vars.size(); i++) {
      Variable<TFloat32> v = vars.get(i);
      Operand<TFloat32> g = ready.get(i);
      updates.add(
          switch (kind) {
            case SGD ->
                after.train.applyMomentum(
                    v, slot(tf, v, "momentum"), learningRate, g, tf.constant((float) momentum));
            case ADAM ->
                after.train.applyAdam(
                    v, slot(tf, v, "adam_m"), slot(tf, v, "adam_v"), beta1Power, beta2Power, learningRate,
                    tf.constant(ADAM_BETA1), tf.constant(ADAM_BETA2), tf.constant(ADAM_EPSILON), g);
          });
    }
    update = tf.withControlDependencies(updates).withName("train_step").noOp();
  }

  /** The op that applies one update. */
  Op update() {
    return update;
  }

  /** The learning rate input. */
  Placeholder<TFloat32> learningRate() {
    return learningRate;
  }

  /** Adam's β₁ᵗ input. */
  Placeholder<TFloat32> beta1Power() {
    return beta1Power;
  }

  /** Adam's β₂ᵗ input. */
  Placeholder<TFloat32> beta2Power() {
    return beta2Power;
  }

  /** Whether the β powers must be fed. */
  boolean isAdam() {
    return kind == OptimizerKind.ADAM;
  }

  private static Placeholder<TFloat32> scalar(Ops tf, String name) {
    return tf.withName(name).placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
  }

  private static Variable<TFloat32> slot(Ops tf, Variable<TFloat32> v, String slot) {
    Ops init = tf.withInitScope();
    Operand<TFloat32> zeros = init.fill(init.constant(v.shape()), init.constant(0f));
    return init.withName(v.op().name() + "_" + slot).variable(zeros);
  }
}
