package dev.tfj.trainer.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tfj.bundle.MetricsFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The per-epoch checkpoint of a run: TensorFlow variables under {@code ckpt-<epoch>} and a
 * {@code state.json} that names the latest, written last so a crash mid-save leaves the previous one valid.
 */
public final class Checkpoints {

  private static final String STATE = "state.json";
  private static final ObjectMapper MAPPER = MetricsFile.mapper();

  private final Path dir;

  /** Checkpoints kept in {@code dir}. */
  public Checkpoints(Path dir) {
    this.dir = dir;
  }

  /** The directory the checkpoints live in. */
  public Path dir() {
    return dir;
  }

  /** The last completed epoch's state, if a run left one. */
  public Optional<CheckpointState> latest() {
    Path state = dir.resolve(STATE);
    if (!Files.isRegularFile(state)) {
      return Optional.empty();
    }
    try {
      return Optional.of(MAPPER.readValue(state.toFile(), CheckpointState.class));
    } catch (IOException e) {
      throw new UncheckedIOException("unreadable checkpoint state " + state + ": " + e.getMessage(), e);
    }
  }

  /** The variables prefix for {@code epoch}. */
  String prefixFor(int epoch) {
    return dir.resolve("ckpt-" + epoch).toString();
  }

  /** Records {@code state} as the latest and removes older epochs' variables. */
  void commit(CheckpointState state) {
    try {
      Path tmp = Files.createTempFile(dir, ".state", ".tmp");
      MAPPER.writeValue(tmp.toFile(), state);
      Files.move(tmp, dir.resolve(STATE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      String keep = Path.of(state.checkpointPrefix()).getFileName().toString();
      try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "ckpt-*")) {
        for (Path f : files) {
          if (!f.getFileName().toString().startsWith(keep + ".")) {
            Files.deleteIfExists(f);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write checkpoint in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Removes the checkpoint once its run has been exported. */
  public void delete() {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path f : files) {
        Files.deleteIfExists(f);
      }
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove checkpoint " + dir + ": " + e.getMessage(), e);
    }
  }
}
