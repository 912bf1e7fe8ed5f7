package dev.tfj.cli;

import dev.tfj.trainer.data.ProgressListener;
import java.io.PrintWriter;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress bars on the terminal (stderr) for downloads and training epochs; nothing at all when stderr is not
 * a terminal, so logs and CI output stay clean.
 */
final class ConsoleProgress implements AutoCloseable {

  private final PrintWriter err;
  private final boolean interactive;
  private ProgressBar bar;

  ConsoleProgress(PrintWriter err) {
    this.err = err;
    this.interactive = System.console() != null;
  }

  /** Starts a bar of {@code max} units. */
  void start(String task, long max, String unit, long unitSize) {
    close();
    if (!interactive) {
      return;
    }
    bar =
        new ProgressBarBuilder()
            .setTaskName(task)
            .setInitialMax(max)
            .setUnit(unit, unitSize)
            .showSpeed()
            .setStyle(ProgressBarStyle.ASCII)
            .setUpdateIntervalMillis(250)
            .continuousUpdate()
            .build();
  }

  /** Moves the bar to {@code current}. */
  void stepTo(long current, String extra) {
    if (bar != null) {
      bar.stepTo(current);
      bar.setExtraMessage(extra);
    }
  }

  /** Moves the bar by {@code n}. */
  void stepBy(long n) {
    if (bar != null) {
      bar.stepBy(n);
    }
  }

  /** A download listener drawing one bar per file. */
  ProgressListener forDownloads() {
    return new ProgressListener() {
      @Override
      public void start(String fileName, long totalBytes) {
        ConsoleProgress.this.start(fileName, totalBytes, " MB", 1 << 20);
        if (!interactive) {
          err.println("downloading " + fileName);
          err.flush();
        }
      }

      @Override
      public void advance(long bytes) {
        stepBy(bytes);
      }

      @Override
      public void done() {
        close();
      }
    };
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}
