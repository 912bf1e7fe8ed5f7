package dev.tfj.bundle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * TF Serving's model_base_path layout: {@code <base>/<name>/<integer version>/saved_model.pb}.
 */
public final class ModelLayout {

  private ModelLayout() {}

  /** The version numbers under a model directory, ascending; directories that are not integers are ignored. */
  public static List<Long> versions(Path modelDir) {
    if (!Files.isDirectory(modelDir)) {
      return List.of();
    }
    try (Stream<Path> children = Files.list(modelDir)) {
      return children
          .filter(Files::isDirectory)
          .map(p -> parseVersion(p.getFileName().toString()))
          .filter(OptionalLong::isPresent)
          .map(OptionalLong::getAsLong)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + modelDir, e);
    }
  }

  /** One more than the highest version present, or 1. */
  public static long nextVersion(Path modelDir) {
    List<Long> versions = versions(modelDir);
    return versions.isEmpty() ? 1 : versions.get(versions.size() - 1) + 1;
  }

  /** The highest version present. */
  public static OptionalLong latestVersion(Path modelDir) {
    List<Long> versions = versions(modelDir);
    return versions.isEmpty() ? OptionalLong.empty() : OptionalLong.of(versions.get(versions.size() - 1));
  }

  /** True when the directory holds a {@code saved_model.pb}. */
  public static boolean isSavedModel(Path dir) {
    return Files.isRegularFile(dir.resolve(BundleFiles.SAVED_MODEL));
  }

  /** Parses a version directory name: digits only, as TF Serving accepts. */
  public static OptionalLong parseVersion(String name) {
    if (name.isEmpty() || name.length() > 18 || !name.chars().allMatch(Character::isDigit)) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(Long.parseLong(name));
  }
}
