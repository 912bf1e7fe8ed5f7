package dev.tfj.server.registry;

import dev.tfj.bundle.BundleFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.stream.Stream;

/**
 * Sizes and modification times of a version's files: a version that failed to load is retried when its
 * fingerprint changes, e.g. once a half-copied export is complete.
 */
record VersionFingerprint(long graphSize, long graphModified, long variablesSize, long variablesModified) {

  static VersionFingerprint of(Path versionDir) {
    long[] graph = stat(versionDir.resolve(BundleFiles.SAVED_MODEL));
    long size = 0;
    long modified = 0;
    Path variables = versionDir.resolve(BundleFiles.VARIABLES);
    if (Files.isDirectory(variables)) {
      try (Stream<Path> files = Files.list(variables)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          long[] s = stat(f);
          size += s[0];
          modified = Math.max(modified, s[1]);
        }
      } catch (IOException e) {
        size = -1;
      }
    }
    return new VersionFingerprint(graph[0], graph[1], size, modified);
  }

  private static long[] stat(Path file) {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      return new long[] {a.size(), a.lastModifiedTime().toMillis()};
    } catch (IOException e) {
      return new long[] {-1, -1};
    }
  }
}
