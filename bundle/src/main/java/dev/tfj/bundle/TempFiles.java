package dev.tfj.bundle;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Temporary files and directories that become part of a bundle by rename. They get the permissions the
 * user's umask gives any new file (0644 and 0755 under the usual 022), not {@link Files#createTempFile}'s
 * owner-only 0600/0700, which a rename would carry into the bundle and hide it from a TF Serving container
 * running as another user. Their names carry this process's id, so a later process can tell a dead writer's
 * leftovers from a live one's work.
 */
public final class TempFiles {

  private TempFiles() {}

  /** A new empty file {@code dir/<prefix><pid>-<random><suffix>} with umask permissions. */
  public static Path createFile(Path dir, String prefix, String suffix) throws IOException {
    return create(() -> Files.createFile(dir.resolve(name(prefix) + suffix)));
  }

  /** A new empty directory {@code parent/<prefix><pid>-<random>} with umask permissions. */
  public static Path createDirectory(Path parent, String prefix) throws IOException {
    return create(() -> Files.createDirectory(parent.resolve(name(prefix))));
  }

  private interface Creation {
    Path create() throws IOException;
  }

  /** Tries fresh random names until one is free (a clash is a one-in-2^64 event, bounded anyway). */
  private static Path create(Creation creation) throws IOException {
    for (int attempt = 0; ; attempt++) {
      try {
        return creation.create();
      } catch (FileAlreadyExistsException e) {
        if (attempt > 100) {
          throw e;
        }
      }
    }
  }

  /** Renames {@code tmp} over {@code target} in one step. */
  public static void replace(Path tmp, Path target) throws IOException {
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static String name(String prefix) {
    return prefix + ProcessHandle.current().pid() + "-" + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
  }
}
