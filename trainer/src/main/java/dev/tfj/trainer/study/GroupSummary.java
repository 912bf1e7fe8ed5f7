package dev.tfj.trainer.study;

import dev.tfj.bundle.EpochMetrics;
import dev.tfj.bundle.ServingSignature;
import dev.tfj.bundle.TrainingMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * A group's runs summarised over their seeds: final and best test accuracy and loss, per-class accuracy and the
 * curves, each as a {@link Spread}.
 *
 * @param classAccuracy per class, the mean over runs of the final epoch's accuracy on that class
 */
public record GroupSummary(
    StudyGroup group,
    List<RunResult> runs,
    Spread finalAccuracy,
    Spread bestAccuracy,
    Spread finalLoss,
    Spread bestLoss,
    double[] classAccuracy,
    List<EpochSpread> curves) {

  /** Summarises {@code runs}, the results of {@code group}'s runs. */
  public static GroupSummary of(StudyGroup group, List<RunResult> runs) {
    List<TrainingMetrics> m = runs.stream().map(RunResult::metrics).toList();
    return new GroupSummary(
        group,
        List.copyOf(runs),
        spread(m, TrainingMetrics::finalTestAccuracy),
        spread(m, TrainingMetrics::bestTestAccuracy),
        spread(m, t -> last(t).testLoss()),
        spread(m, t -> t.epochs().stream().mapToDouble(EpochMetrics::testLoss).min().orElse(Double.NaN)),
        classAccuracy(m),
        curves(m));
  }

  /** The model's parameter count, as its first run recorded it. */
  public long parameters() {
    return runs.get(0).metrics().totalParameters();
  }

  /** Accuracy on each class of one run's final epoch, from its confusion matrix (true class by row). */
  public static double[] classAccuracy(TrainingMetrics metrics) {
    int[][] confusion = metrics.confusionMatrix();
    double[] out = new double[ServingSignature.NUM_CLASSES];
    for (int c = 0; c < out.length; c++) {
      long total = 0;
      for (int v : confusion[c]) {
        total += v;
      }
      out[c] = total == 0 ? Double.NaN : (double) confusion[c][c] / total;
    }
    return out;
  }

  private static double[] classAccuracy(List<TrainingMetrics> runs) {
    double[] mean = new double[ServingSignature.NUM_CLASSES];
    for (TrainingMetrics run : runs) {
      double[] acc = classAccuracy(run);
      for (int c = 0; c < mean.length; c++) {
        mean[c] += acc[c] / runs.size();
      }
    }
    return mean;
  }

  private static List<EpochSpread> curves(List<TrainingMetrics> runs) {
    int epochs = runs.stream().mapToInt(r -> r.epochs().size()).min().orElse(0);
    List<EpochSpread> out = new ArrayList<>();
    for (int e = 0; e < epochs; e++) {
      List<EpochMetrics> at = new ArrayList<>();
      for (TrainingMetrics run : runs) {
        at.add(run.epochs().get(e));
      }
      out.add(
          new EpochSpread(
              e + 1,
              Spread.of(at.stream().mapToDouble(EpochMetrics::trainLoss).toArray()),
              Spread.of(at.stream().mapToDouble(EpochMetrics::trainAccuracy).toArray()),
              Spread.of(at.stream().mapToDouble(EpochMetrics::testLoss).toArray()),
              Spread.of(at.stream().mapToDouble(EpochMetrics::testAccuracy).toArray())));
    }
    return out;
  }

  private static Spread spread(List<TrainingMetrics> runs, ToDoubleFunction<TrainingMetrics> figure) {
    return Spread.of(runs.stream().mapToDouble(figure).toArray());
  }

  private static EpochMetrics last(TrainingMetrics t) {
    return t.epochs().get(t.epochs().size() - 1);
  }
}
