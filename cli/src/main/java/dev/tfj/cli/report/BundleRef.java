package dev.tfj.cli.report;

import dev.tfj.bundle.BundleFiles;
import dev.tfj.bundle.MetricsFile;
import dev.tfj.bundle.ModelLayout;
import dev.tfj.bundle.TrainingMetrics;
import dev.tfj.cli.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * One bundle named on the command line: its name (the model directory), version, version directory and metrics.
 */
public record BundleRef(String name, long version, Path dir, TrainingMetrics metrics) {

  /** {@code name/version}, how the report titles the bundle; just the name for a bundle outside that layout. */
  public String label() {
    return version > 0 ? name + "/" + version : name;
  }

  /**
   * Resolves a model directory (its latest version) or a version directory, and reads its metrics; a path that
   * is not a bundle is a {@link UserError} saying what is missing.
   */
  public static BundleRef resolve(Path arg) {
    if (!Files.isDirectory(arg)) {
      throw UserError.failure(
          "bundle " + arg + (Files.exists(arg) ? " is not a directory" : " does not exist"), null);
    }
    Path dir = arg.toAbsolutePath().normalize();
    OptionalLong version = dir.getFileName() == null
        ? OptionalLong.empty()
        : ModelLayout.parseVersion(dir.getFileName().toString());
    if (ModelLayout.isSavedModel(dir)) {
      return version.isPresent() && dir.getParent().getFileName() != null
          ? new BundleRef(dir.getParent().getFileName().toString(), version.getAsLong(), dir, metrics(arg, dir))
          : new BundleRef(dir.getFileName().toString(), 0, dir, metrics(arg, dir));
    }
    OptionalLong latest = version.isPresent() ? OptionalLong.empty() : ModelLayout.latestVersion(dir);
    if (latest.isEmpty()) {
      throw UserError.failure(
          "bundle " + arg + " has no " + BundleFiles.SAVED_MODEL
              + (version.isPresent() ? "" : " and no version directories")
              + "; pass saved-models/<name> or saved-models/<name>/<version>",
          null);
    }
    Path versionDir = dir.resolve(Long.toString(latest.getAsLong()));
    Path shown = arg.resolve(versionDir.getFileName());
    if (!ModelLayout.isSavedModel(versionDir)) {
      throw UserError.failure("bundle " + shown + " has no " + BundleFiles.SAVED_MODEL, null);
    }
    return new BundleRef(dir.getFileName().toString(), latest.getAsLong(), versionDir, metrics(shown, versionDir));
  }

  private static TrainingMetrics metrics(Path shown, Path dir) {
    try {
      return MetricsFile.read(dir)
          .orElseThrow(
              () ->
                  UserError.failure(
                      "bundle " + shown + " has no " + BundleFiles.METRICS + " to report on (tfj train writes one)",
                      null));
    } catch (IOException e) {
      throw UserError.failure("cannot read " + shown.resolve(BundleFiles.METRICS) + ": " + firstLine(e), e);
    }
  }

  private static String firstLine(IOException e) {
    String message = String.valueOf(e.getMessage());
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
