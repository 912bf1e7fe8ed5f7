package dev.tfj.trainer.export;

import dev.tfj.bundle.MetricsFile;
import dev.tfj.bundle.ModelLayout;
import dev.tfj.bundle.BundleFiles;
import dev.tfj.bundle.TrainingMetrics;
import dev.tfj.inference.warmup.WarmupFile;
import dev.tfj.trainer.model.Architecture;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a complete bundle — SavedModel, metrics.json, curves.png, TF Serving warm-up requests — into
 * {@code <base>/<name>/<version>/}, building it in a temporary sibling directory and renaming it into place
 * only when every file is written, so TF Serving or our registry never sees half a version.
 */
public final class BundleWriter {

  private BundleWriter() {}

  /**
   * Writes the bundle and returns its version directory.
   *
   * @param version the version to write, or 0 for one past the highest present
   * @param warmup the requests TF Serving replays before it serves the version
   */
  public static Path write(
      Path base, String name, long version, Architecture arch, String checkpointPrefix, TrainingMetrics metrics,
      List<WarmupFile.Request> warmup)
      throws IOException {
    Path modelDir = base.resolve(name);
    long v = version > 0 ? version : ModelLayout.nextVersion(modelDir);
    // Checked before the export too, so a taken version fails fast; publish checks again when it renames.
    var existing = ModelLayout.versionDir(modelDir, v);
    if (existing.isPresent()) {
      throw new FileAlreadyExistsException(existing.get().toString(), null, "version " + v + " of " + name + " already exists");
    }
    Path tmp = ModelLayout.createTempVersionDir(modelDir, v);
    try {
      SavedModelExport.export(arch, checkpointPrefix, tmp);
      MetricsFile.write(tmp, metrics);
      CurvesPlot.write(metrics.model(), metrics.epochs(), tmp.resolve(BundleFiles.CURVES));
      if (!warmup.isEmpty()) {
        WarmupFile.write(tmp, name, warmup);
      }
      return ModelLayout.publish(tmp, modelDir, v);
    } finally {
      ModelLayout.deleteTree(tmp);
    }
  }
}
