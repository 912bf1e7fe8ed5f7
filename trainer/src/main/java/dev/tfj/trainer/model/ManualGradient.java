package dev.tfj.trainer.model;

import java.util.List;
import java.util.function.BiFunction;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Gradients of some variables that the graph's automatic differentiation is kept off (their path to {@code
 * output} goes through a StopGradient), computed instead from the loss's gradient with respect to {@code
 * output} by {@code backprop}: for a layer whose fast forward form has a slow automatic gradient.
 *
 * @param output the tensor whose gradient the training graph asks automatic differentiation for
 * @param variables the variables whose gradients {@code backprop} returns, in order
 * @param backprop given the ops to add to and the gradient with respect to {@code output}, the gradients of
 *     {@code variables}
 */
public record ManualGradient(
    Operand<TFloat32> output,
    List<Variable<TFloat32>> variables,
    BiFunction<Ops, Operand<TFloat32>, List<Operand<TFloat32>>> backprop) {

  public ManualGradient {
    variables = List.copyOf(variables);
  }
}
