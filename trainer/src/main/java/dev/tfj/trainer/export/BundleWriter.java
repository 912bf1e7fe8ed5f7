package dev.tfj.trainer.export;

import dev.tfj.bundle.MetricsFile;
import dev.tfj.bundle.ModelLayout;
import dev.tfj.bundle.BundleFiles;
import dev.tfj.bundle.TrainingMetrics;
import dev.tfj.trainer.model.Architecture;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Writes a complete bundle — SavedModel, metrics.json, curves.png — into
 * {@code <base>/<name>/<version>/}, building it in a temporary sibling directory and renaming it into place
 * only when every file is written, so TF Serving or our registry never sees half a version.
 */
public final class BundleWriter {

  private BundleWriter() {}

  /**
   * Writes the bundle and returns its version directory.
   *
   * @param version the version to write, or 0 for one past the highest present
   */
  public static Path write(
      Path base, String name, long version, Architecture arch, String checkpointPrefix, TrainingMetrics metrics)
      throws IOException {
    Path modelDir = base.resolve(name);
    Files.createDirectories(modelDir);
    long v = version > 0 ? version : ModelLayout.nextVersion(modelDir);
    Path target = modelDir.resolve(Long.toString(v));
    if (Files.exists(target)) {
      throw new FileAlreadyExistsException(target.toString(), null, "version " + v + " of " + name + " already exists");
    }
    Path tmp = Files.createTempDirectory(modelDir, ".tmp-" + v + "-");
    try {
      SavedModelExport.export(arch, checkpointPrefix, tmp);
      MetricsFile.write(tmp, metrics);
      CurvesPlot.write(metrics.model(), metrics.epochs(), tmp.resolve(BundleFiles.CURVES));
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      return target;
    } finally {
      deleteRecursively(tmp);
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
