package dev.tfj.trainer.study;

/**
 * Where a study is: run {@code index} of {@code total} (from 1), at epoch {@code epoch} of {@code epochs} (0 before
 * the first finishes), and the estimated seconds left for the whole study.
 *
 * @param etaSeconds seconds left, estimated from the measured time per epoch of finished runs; NaN when nothing
 *     has been measured yet
 */
public record RunProgress(int index, int total, StudyRun run, int epoch, int epochs, double etaSeconds) {

  /** Whether an estimate of the time left exists. */
  public boolean etaKnown() {
    return !Double.isNaN(etaSeconds);
  }
}
