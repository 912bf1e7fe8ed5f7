package dev.tfj.bundle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * TF Serving's model_base_path layout, {@code <base>/<name>/<integer version>/saved_model.pb}: the one place
 * that knows which directory is version N (zero-padded names included), how a path names a SavedModel, and
 * how a finished version is put into place.
 */
public final class ModelLayout {

  /** Prefix of the directories a version is built in before it is published. */
  public static final String TEMP_PREFIX = ".tmp-";

  private ModelLayout() {}

  /**
   * Version directories by number, ascending; names keep their zeros ({@code 00000123} is version 123). Where
   * two names give one number the first in name order wins; directories that are not numbers are ignored.
   */
  public static Map<Long, Path> versionDirs(Path modelDir) {
    Map<Long, Path> dirs = new TreeMap<>();
    if (!Files.isDirectory(modelDir)) {
      return dirs;
    }
    try (Stream<Path> children = Files.list(modelDir)) {
      children
          .filter(Files::isDirectory)
          .sorted()
          .forEach(p -> parseVersion(p.getFileName().toString()).ifPresent(v -> dirs.putIfAbsent(v, p)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + modelDir, e);
    }
    return dirs;
  }

  /** The version numbers under a model directory, ascending. */
  public static List<Long> versions(Path modelDir) {
    return List.copyOf(versionDirs(modelDir).keySet());
  }

  /** The directory of one version, whatever zeros its name has. */
  public static Optional<Path> versionDir(Path modelDir, long version) {
    return Optional.ofNullable(versionDirs(modelDir).get(version));
  }

  /** One more than the highest version present, or 1. */
  public static long nextVersion(Path modelDir) {
    return latestVersion(modelDir).orElse(0) + 1;
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

  /**
   * The SavedModel a path names: a directory holding {@code saved_model.pb} (a version directory, or any
   * SavedModel outside the layout), or a model directory, meaning its highest version that holds one.
   *
   * @throws BundleNotFoundException saying what is missing
   */
  public static SavedModelRef resolve(Path path) {
    if (!Files.exists(path)) {
      throw new BundleNotFoundException(path + " does not exist");
    }
    Path dir = path.toAbsolutePath().normalize();
    if (isSavedModel(dir)) {
      OptionalLong version = dir.getFileName() == null ? OptionalLong.empty() : parseVersion(dir.getFileName().toString());
      Path parent = dir.getParent();
      return version.isPresent() && parent != null && parent.getFileName() != null
          ? new SavedModelRef(parent.getFileName().toString(), version.getAsLong(), path)
          : new SavedModelRef(dir.getFileName() == null ? dir.toString() : dir.getFileName().toString(), 0, path);
    }
    if (!Files.isDirectory(dir)) {
      throw new BundleNotFoundException(path + " is not a SavedModel: pass a version directory (with "
          + BundleFiles.SAVED_MODEL + ") or a model directory");
    }
    Map<Long, Path> versions = versionDirs(dir);
    if (versions.isEmpty()) {
      throw new BundleNotFoundException(path + " is not a SavedModel: no " + BundleFiles.SAVED_MODEL
          + " and no numbered version directories in it");
    }
    return versions.entrySet().stream()
        .filter(e -> isSavedModel(e.getValue()))
        .reduce((a, b) -> b)
        .map(e -> new SavedModelRef(dir.getFileName().toString(), e.getKey(), path.resolve(e.getValue().getFileName())))
        .orElseThrow(() -> new BundleNotFoundException(
            path + " is not a SavedModel: its version directories hold no " + BundleFiles.SAVED_MODEL));
  }

  /**
   * A new empty directory beside the versions of {@code modelDir} to build version {@code version} in, named
   * {@code .tmp-<version>-<pid>-<random>} with the umask's permissions. Temporary directories that dead
   * processes left behind (killed during an export) are removed first; one whose writer still runs is kept.
   */
  public static Path createTempVersionDir(Path modelDir, long version) throws IOException {
    Files.createDirectories(modelDir);
    removeStaleTempDirs(modelDir);
    return TempFiles.createDirectory(modelDir, TEMP_PREFIX + version + "-");
  }

  /**
   * Removes the temporary version directories in {@code modelDir} whose writing process is no longer alive;
   * returns them. Directories of live processes, and names that do not say which process made them, stay.
   */
  public static List<Path> removeStaleTempDirs(Path modelDir) throws IOException {
    List<Path> removed = new java.util.ArrayList<>();
    try (Stream<Path> children = Files.list(modelDir)) {
      for (Path dir : children.filter(Files::isDirectory).toList()) {
        OptionalLong pid = tempDirWriter(dir.getFileName().toString());
        if (pid.isPresent() && ProcessHandle.of(pid.getAsLong()).map(p -> !p.isAlive()).orElse(true)) {
          deleteTree(dir);
          removed.add(dir);
        }
      }
    }
    return removed;
  }

  /** The writer's process id in {@code .tmp-<version>-<pid>-<random>}. */
  static OptionalLong tempDirWriter(String name) {
    if (!name.startsWith(TEMP_PREFIX)) {
      return OptionalLong.empty();
    }
    String[] parts = name.substring(TEMP_PREFIX.length()).split("-", -1);
    return parts.length == 3 && parseVersion(parts[0]).isPresent() ? parseVersion(parts[1]) : OptionalLong.empty();
  }

  /**
   * Renames a finished temporary directory to {@code <modelDir>/<version>} in one step, so readers see the
   * whole version or none of it; fails if that version exists, under any zero-padded name.
   */
  public static Path publish(Path tempDir, Path modelDir, long version) throws IOException {
    Optional<Path> existing = versionDir(modelDir, version);
    if (existing.isPresent()) {
      throw new FileAlreadyExistsException(existing.get().toString(), null, "version " + version + " already exists");
    }
    Path target = modelDir.resolve(Long.toString(version));
    Files.move(tempDir, target, StandardCopyOption.ATOMIC_MOVE);
    return target;
  }

  /** Deletes a directory tree if it exists (a temporary version that was never published). */
  public static void deleteTree(Path dir) throws IOException {
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
