package dev.tfj.trainer.study;

import dev.tfj.bundle.EpochMetrics;
import dev.tfj.bundle.MetricsFile;
import dev.tfj.bundle.TrainingMetrics;
import dev.tfj.trainer.TrainJob;
import dev.tfj.trainer.TrainRequest;
import dev.tfj.trainer.TrainResult;
import dev.tfj.trainer.data.Dataset;
import dev.tfj.trainer.train.Checkpoints;
import dev.tfj.trainer.train.TrainingListener;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a study in a directory: each run trains into {@code models/<run>/1/} (a bundle as {@code tfj train} writes
 * it) with its checkpoints under {@code checkpoints/<run>/}. The directory's {@code study.json} records the plan,
 * so the same study started again reuses finished runs, resumes a half-trained one from its checkpoint and trains
 * the rest; a different plan in the same directory is refused.
 */
public final class Study {

  /** The bundles' model base path inside the study directory. */
  public static final String MODELS = "models";
  /** The runs' checkpoints inside the study directory, each removed once its bundle is written. */
  public static final String CHECKPOINTS = "checkpoints";
  /** The version each run's bundle is written as. */
  public static final long VERSION = 1;

  private Study() {}

  /** The version directory of {@code run}'s bundle in the study directory {@code dir}. */
  public static Path bundleDir(Path dir, StudyRun run) {
    return dir.resolve(MODELS).resolve(run.name()).resolve(Long.toString(VERSION));
  }

  /**
   * Trains every run of {@code plan} on {@code data} that {@code dir} does not already hold, then classifies the
   * test set with each bundle.
   *
   * @throws StudyPlanMismatchException when {@code dir} holds a study with another plan or data
   */
  public static StudyResults run(Path dir, StudyPlan plan, Dataset data, StudyListener listener)
      throws IOException {
    StudyManifest.claim(dir, plan, data.info());
    List<StudyRun> runs = plan.runs();
    int total = runs.size();
    TrainingMetrics[] metrics = new TrainingMetrics[total];
    Eta eta = new Eta();
    List<StudyRun> toTrain = new ArrayList<>();
    for (int i = 0; i < total; i++) {
      metrics[i] = MetricsFile.read(bundleDir(dir, runs.get(i))).orElse(null);
      if (metrics[i] != null) {
        List<String> differences = FinishedRuns.differences(runs.get(i), metrics[i], data.info());
        if (!differences.isEmpty()) {
          throw new StudyPlanMismatchException(dir, differences);
        }
        eta.finished(runs.get(i), metrics[i]);
      } else {
        toTrain.add(runs.get(i));
      }
    }
    for (int i = 0; i < total; i++) {
      StudyRun run = runs.get(i);
      if (metrics[i] != null) {
        listener.runReused(new RunProgress(i + 1, total, run, metrics[i].epochs().size(),
            run.config().epochs(), Double.NaN), metrics[i]);
        continue;
      }
      toTrain.remove(run);
      metrics[i] = train(dir, run, data, new Reporter(listener, eta, i + 1, total, run, List.copyOf(toTrain)));
      eta.finished(run, metrics[i]);
    }
    return StudyEvaluations.evaluate(dir, plan, data, metrics, listener);
  }

  private static TrainingMetrics train(Path dir, StudyRun run, Dataset data, Reporter reporter) throws IOException {
    Path checkpointDir = dir.resolve(CHECKPOINTS).resolve(run.name());
    boolean resume = new Checkpoints(checkpointDir).latest().isPresent();
    reporter.started(resume);
    TrainResult result =
        TrainJob.run(
            new TrainRequest(run.config(), dir.resolve(MODELS), run.name(), VERSION, checkpointDir, resume),
            data,
            reporter);
    reporter.finished(result.metrics());
    return result.metrics();
  }

  /** Turns one run's training callbacks into the study's, with the run's place and the ETA. */
  private static final class Reporter implements TrainingListener {
    private final StudyListener listener;
    private final Eta eta;
    private final int index;
    private final int total;
    private final StudyRun run;
    private final List<StudyRun> later;
    private final List<EpochMetrics> done = new ArrayList<>();
    private int epoch;

    Reporter(StudyListener listener, Eta eta, int index, int total, StudyRun run, List<StudyRun> later) {
      this.listener = listener;
      this.eta = eta;
      this.index = index;
      this.total = total;
      this.run = run;
      this.later = later;
    }

    private RunProgress progress() {
      return new RunProgress(index, total, run, epoch, run.config().epochs(), eta.secondsLeft(run, epoch, done, later));
    }

    void started(boolean resuming) {
      listener.runStarted(progress(), resuming);
    }

    void finished(TrainingMetrics metrics) {
      epoch = metrics.epochs().size();
      listener.runFinished(progress(), metrics);
    }

    @Override
    public void epochStarted(int epoch, int epochs, int images) {
      // A resumed run starts past epoch 1: the epochs before came from its checkpoint.
      this.epoch = epoch - 1;
      listener.epochStarted(progress(), images);
    }

    @Override
    public void batchFinished(int imagesSoFar, double meanLoss, double accuracy) {
      listener.batchFinished(progress(), imagesSoFar, meanLoss, accuracy);
    }

    @Override
    public void epochFinished(EpochMetrics metrics) {
      epoch = metrics.epoch();
      done.add(metrics);
      listener.epochFinished(progress(), metrics);
    }
  }
}
