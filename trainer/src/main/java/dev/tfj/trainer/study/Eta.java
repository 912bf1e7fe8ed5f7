package dev.tfj.trainer.study;

import dev.tfj.bundle.EpochMetrics;
import dev.tfj.bundle.TrainingMetrics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Estimates a study's time left from measured seconds per epoch: per model from its finished runs, else from the
 * current run's epochs, else from any model's finished runs.
 */
final class Eta {

  private final Map<String, double[]> perModel = new HashMap<>(); // model -> {seconds, epochs}
  private final double[] overall = new double[2];

  /** A run finished (now or earlier), taking {@code metrics.wallTimeSeconds()} for its epochs. */
  void finished(StudyRun run, TrainingMetrics metrics) {
    int epochs = metrics.epochs().size();
    if (epochs == 0 || !(metrics.wallTimeSeconds() > 0)) {
      return;
    }
    double[] m = perModel.computeIfAbsent(run.model(), k -> new double[2]);
    m[0] += metrics.wallTimeSeconds();
    m[1] += epochs;
    overall[0] += metrics.wallTimeSeconds();
    overall[1] += epochs;
  }

  /**
   * Seconds left: the current run's remaining epochs and every later run still to train.
   *
   * @param current the run in progress, {@code epochsDone} of its epochs done
   * @param measured the epochs of it trained by this invocation, with their times
   * @param later the runs after it that still need training
   */
  double secondsLeft(StudyRun current, int epochsDone, List<EpochMetrics> measured, List<StudyRun> later) {
    double ownRate =
        measured.isEmpty()
            ? Double.NaN
            : measured.stream().mapToDouble(EpochMetrics::seconds).sum() / measured.size();
    double left = (current.config().epochs() - epochsDone) * rate(current.model(), current, ownRate);
    for (StudyRun run : later) {
      left += run.config().epochs() * rate(run.model(), current, ownRate);
    }
    return left;
  }

  private double rate(String model, StudyRun current, double ownRate) {
    double[] m = perModel.get(model);
    if (m != null) {
      return m[0] / m[1];
    }
    if (model.equals(current.model()) && !Double.isNaN(ownRate)) {
      return ownRate;
    }
    return overall[1] > 0 ? overall[0] / overall[1] : ownRate;
  }
}
