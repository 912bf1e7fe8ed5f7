package dev.tfj.trainer.model;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** A network that maps normalised images to class logits; one implementation per model. */
public interface Architecture {

  /** The name users pick the model by, e.g. {@code lenet5}. */
  String name();

  /** The side length the network expects; images are zero-padded from 28 to this in the graph. */
  default int inputSize() {
    return 28;
  }

  /** Dropout rate used when the user gives none. */
  default double defaultDropout() {
    return 0.0;
  }

  /** L2 weight decay used when the user gives none. */
  default double defaultWeightDecay() {
    return 0.0;
  }

  /** Whether training normalises with statistics of the batch (batch norm), so the batch cannot be split. */
  default boolean usesBatchStatistics() {
    return false;
  }

  /**
   * Whether a training step is dominated by convolutions: only then does splitting each batch into towers, one
   * per core, pay for the extra hand-offs (a step of the MLP takes a fraction of a millisecond).
   */
  default boolean convolutional() {
    return false;
  }

  /** Builds the layers on {@code images} ({@code [N, inputSize, inputSize, 1]}, normalised) and returns logits. */
  Operand<TFloat32> logits(Layers nn, Operand<TFloat32> images);
}
