package dev.tfj.cli.report;

import dev.tfj.bundle.BundleFiles;
import dev.tfj.bundle.MetricsFile;
import dev.tfj.bundle.ModelLayout;
import dev.tfj.bundle.SavedModelRef;
import dev.tfj.bundle.TrainingMetrics;
import dev.tfj.cli.UserError;
import java.io.IOException;
import java.nio.file.Path;

/** One bundle named on the command line: the SavedModel it names and the metrics recorded beside it. */
public record BundleRef(SavedModelRef saved, TrainingMetrics metrics) {

  /** {@code name/version}, how the report titles the bundle; just the name for a bundle outside that layout. */
  public String label() {
    return saved.label();
  }

  /** The directory holding {@code saved_model.pb}. */
  public Path dir() {
    return saved.dir();
  }

  /**
   * Resolves a model directory (its latest version) or a version directory, and reads its metrics; a bundle without
   * them is a {@link UserError}.
   *
   * @throws dev.tfj.bundle.BundleNotFoundException when the path names no SavedModel
   */
  public static BundleRef resolve(Path arg) {
    SavedModelRef saved = ModelLayout.resolve(arg);
    return new BundleRef(saved, metrics(saved.dir()));
  }

  private static TrainingMetrics metrics(Path dir) {
    try {
      return MetricsFile.read(dir)
          .orElseThrow(() -> UserError.failure(
              "bundle " + dir + " has no " + BundleFiles.METRICS + " to report on (tfj train writes one)", null));
    } catch (IOException e) {
      throw UserError.failure("cannot read " + dir.resolve(BundleFiles.METRICS) + ": " + e.getMessage(), e);
    }
  }
}
