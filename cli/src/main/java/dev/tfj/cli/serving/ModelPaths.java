package dev.tfj.cli.serving;

import dev.tfj.bundle.BundleFiles;
import dev.tfj.bundle.ModelLayout;
import dev.tfj.cli.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** Turns a {@code --model} path into a SavedModel directory: a version dir, or a model dir's latest version. */
public final class ModelPaths {

  private ModelPaths() {}

  /** The SavedModel directory {@code path} names; a one-line {@link UserError} when there is none. */
  public static Path resolve(Path path) {
    if (!Files.exists(path)) {
      throw UserError.failure(path + " does not exist", null);
    }
    if (ModelLayout.isSavedModel(path)) {
      return path;
    }
    if (!Files.isDirectory(path)) {
      throw UserError.failure(path + " is not a SavedModel: pass a version directory (with "
          + BundleFiles.SAVED_MODEL + ") or a model directory", null);
    }
    OptionalLong latest = ModelLayout.latestVersion(path);
    if (latest.isEmpty()) {
      throw UserError.failure(path + " is not a SavedModel: no " + BundleFiles.SAVED_MODEL
          + " and no numbered version directories in it", null);
    }
    Path version = ModelLayout.versions(path).stream()
        .map(v -> versionDir(path, v))
        .filter(ModelLayout::isSavedModel)
        .reduce((a, b) -> b)
        .orElseThrow(() -> UserError.failure(
            path + " is not a SavedModel: its version directories hold no " + BundleFiles.SAVED_MODEL, null));
    return version;
  }

  private static Path versionDir(Path modelDir, long version) {
    Path plain = modelDir.resolve(Long.toString(version));
    if (Files.isDirectory(plain)) {
      return plain;
    }
    try (var children = Files.list(modelDir)) {
      return children
          .filter(p -> ModelLayout.parseVersion(p.getFileName().toString()).orElse(-1) == version)
          .findFirst()
          .orElse(plain);
    } catch (java.io.IOException e) {
      return plain;
    }
  }
}
