package dev.tfj.cli;

import dev.tfj.bundle.EpochMetrics;
import dev.tfj.bundle.TrainingMetrics;
import dev.tfj.trainer.study.RunProgress;
import dev.tfj.trainer.study.StudyListener;
import dev.tfj.trainer.study.StudyRun;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * A study's progress on the terminal: a line per epoch and run, such as
 * {@code run 3/9 lenet5 seed 2 — epoch 4/10 test acc 98.91% … ETA 3m12s}, and the batch bar on stderr.
 */
final class StudyProgress implements StudyListener, AutoCloseable {

  private final PrintWriter out;
  private final ConsoleProgress bar;

  StudyProgress(PrintWriter out, PrintWriter err) {
    this.out = out;
    this.bar = new ConsoleProgress(err);
  }

  @Override
  public void runReused(RunProgress p, TrainingMetrics m) {
    line(p, String.format(Locale.ROOT, "finished earlier (test accuracy %.2f%%), reused", 100 * m.finalTestAccuracy()));
  }

  @Override
  public void runStarted(RunProgress p, boolean resuming) {
    line(p, (resuming ? "resuming from its checkpoint" : "training") + eta(p));
  }

  @Override
  public void epochStarted(RunProgress p, int images) {
    bar.start(label(p) + " epoch " + (p.epoch() + 1) + "/" + p.epochs(), images, " img", 1);
  }

  @Override
  public void batchFinished(RunProgress p, int imagesSoFar, double meanLoss, double accuracy) {
    bar.stepTo(imagesSoFar, String.format(Locale.ROOT, " | loss %.4f acc %.2f%%%s", meanLoss, 100 * accuracy, eta(p)));
  }

  @Override
  public void epochFinished(RunProgress p, EpochMetrics m) {
    bar.close();
    line(p, String.format(Locale.ROOT, "epoch %d/%d test acc %.2f%% loss %.4f, %.1f s%s", m.epoch(), p.epochs(),
        100 * m.testAccuracy(), m.testLoss(), m.seconds(), eta(p)));
  }

  @Override
  public void runFinished(RunProgress p, TrainingMetrics m) {
    line(p, String.format(Locale.ROOT, "done: test accuracy %.2f%% (best %.2f%%), %.1f s, %,.0f img/s",
        100 * m.finalTestAccuracy(), 100 * m.bestTestAccuracy(), m.wallTimeSeconds(), m.imagesPerSecond()));
  }

  @Override
  public void evaluating(StudyRun run, int index, int total) {
    out.printf(Locale.ROOT, "classifying the test set with %s (%d/%d)%n", run.name(), index, total);
    out.flush();
  }

  @Override
  public void close() {
    bar.close();
  }

  private void line(RunProgress p, String what) {
    out.println(label(p) + " — " + what);
    out.flush();
  }

  /** {@code run 3/9 lenet5-dropout seed 2}. */
  static String label(RunProgress p) {
    String name = p.run().name();
    String suffix = "-s" + p.run().seed();
    String group = name.endsWith(suffix) ? name.substring(0, name.length() - suffix.length()) : name;
    return "run " + p.index() + "/" + p.total() + " " + group + " seed " + p.run().seed();
  }

  /** {@code  … ETA 3m12s}, or nothing before anything has been measured. */
  static String eta(RunProgress p) {
    return p.etaKnown() ? " … ETA " + duration(p.etaSeconds()) : "";
  }

  /** {@code 45s}, {@code 3m12s}, {@code 1h05m}. */
  static String duration(double seconds) {
    long s = Math.round(Math.max(0, seconds));
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
  }
}
