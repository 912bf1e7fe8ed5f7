package dev.tfj.trainer.study;

import dev.tfj.trainer.model.Architecture;

/** The two regularisation settings a study varies besides the architecture: dropout rate and L2 weight decay. */
public record Regularization(double dropout, double weightDecay) {

  /** What {@code arch} trains with when not told otherwise. */
  public static Regularization defaults(Architecture arch) {
    return new Regularization(arch.defaultDropout(), arch.defaultWeightDecay());
  }
}
