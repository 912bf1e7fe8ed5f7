package dev.tfj.trainer.train;

/** The training loss stopped being a finite number: the learning rate is too high for this model. */
public final class TrainingDivergedException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  private final int epoch;
  private final float loss;

  /** The loss became {@code loss} during {@code epoch}. */
  public TrainingDivergedException(int epoch, float loss) {
    super("training diverged at epoch " + epoch + " (loss is " + loss + "): lower the learning rate");
    this.epoch = epoch;
    this.loss = loss;
  }

  /** The epoch (1-based) the loss diverged in. */
  public int epoch() {
    return epoch;
  }

  /** The non-finite loss. */
  public float loss() {
    return loss;
  }
}
