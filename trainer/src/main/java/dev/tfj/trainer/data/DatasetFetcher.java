package dev.tfj.trainer.data;

import dev.tfj.trainer.data.internal.Sha256;
import dev.tfj.trainer.data.internal.Transfer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads a data set's files into a directory. Each missing file is fetched from the mirrors in turn into a hidden
 * {@code .name.part} file, verified (SHA-256 when known, else by parsing it as IDX) and only then renamed into place,
 * so a file under its real name is always complete. A file already present and verified is left alone.
 */
public final class DatasetFetcher {

  /** How long to wait for a connection. */
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);

  /** How long to wait for a response's headers once connected. */
  public static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(60);

  private static final Logger LOG = LoggerFactory.getLogger(DatasetFetcher.class);

  private final Transfer transfer;

  /** A fetcher with its own HTTP client that follows redirects and uses the default timeouts. */
  public DatasetFetcher() {
    this(HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NORMAL)
        .connectTimeout(CONNECT_TIMEOUT)
        .build(), RESPONSE_TIMEOUT);
  }

  /** A fetcher using the given client; {@code responseTimeout} bounds the wait for each response's headers. */
  public DatasetFetcher(HttpClient http, Duration responseTimeout) {
    this.transfer = new Transfer(http, responseTimeout);
  }

  /**
   * Downloads each of {@code spec}'s files that {@code targetDir} lacks (or holds in a form that fails verification),
   * trying {@code mirrors} in order; throws {@link DatasetException} naming the file and every mirror's failure when
   * none serves it.
   */
  public FetchResult fetch(DatasetSpec spec, Path targetDir, List<URI> mirrors, ProgressListener progress) {
    if (mirrors.isEmpty()) {
      throw new DatasetException("no mirrors to fetch " + spec.name() + " from");
    }
    try {
      Files.createDirectories(targetDir);
    } catch (IOException e) {
      throw new DatasetException("cannot create data directory " + targetDir + ": " + e, e);
    }
    List<String> downloaded = new ArrayList<>();
    List<String> present = new ArrayList<>();
    for (String file : spec.files()) {
      Path target = targetDir.resolve(file);
      if (Files.isRegularFile(target) && isValid(target, spec.expectedSha256(file))) {
        LOG.info("{} is already present and verified", target);
        present.add(file);
        continue;
      }
      fetchOne(file, spec.expectedSha256(file), target, mirrors, progress);
      downloaded.add(file);
    }
    return new FetchResult(targetDir, downloaded, present);
  }

  private void fetchOne(String file, Optional<String> sha256, Path target, List<URI> mirrors,
      ProgressListener progress) {
    Path part = target.resolveSibling("." + file + ".part");
    List<String> failures = new ArrayList<>();
    for (URI mirror : mirrors) {
      URI source = Mirrors.resolve(mirror, file);
      try {
        part.toFile().deleteOnExit(); // a Ctrl-C mid-download must not leave the partial file behind
        String actual = transfer.copy(source, part, file, progress);
        verify(part, sha256, actual);
        moveIntoPlace(part, target);
        LOG.info("fetched {} from {}", target, source);
        return;
      } catch (InterruptedException e) {
        throw interrupted(file, source, part, e);
      } catch (IOException e) {
        if (e instanceof ClosedByInterruptException || Thread.currentThread().isInterrupted()) {
          throw interrupted(file, source, part, e);
        }
        failures.add(failed(file, mirror, source, part, reason(e)));
      } catch (DatasetException e) {
        failures.add(failed(file, mirror, source, part, e.getMessage()));
      } catch (RuntimeException | Error e) {
        deleteQuietly(part);
        throw e;
      }
    }
    throw new DatasetException("could not fetch " + file + " from any mirror: " + String.join("; ", failures));
  }

  private static String failed(String file, URI mirror, URI source, Path part, String reason) {
    deleteQuietly(part);
    LOG.warn("{}: mirror {} failed: {}", file, source, reason);
    return mirror + " (" + reason + ")";
  }

  private static DatasetException interrupted(String file, URI source, Path part, Exception e) {
    deleteQuietly(part);
    Thread.currentThread().interrupt();
    return new DatasetException(file + ": download from " + source + " was interrupted", e);
  }

  /** Our own IOExceptions carry a ready reason; the JDK's are clearer with their type ("ConnectException"). */
  private static String reason(IOException e) {
    if (e.getClass() == IOException.class && e.getMessage() != null) {
      return e.getMessage();
    }
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }

  private static void verify(Path file, Optional<String> expected, String actual) {
    if (expected.isPresent()) {
      if (!expected.get().equalsIgnoreCase(actual)) {
        throw new DatasetException("checksum mismatch: expected sha256 " + expected.get() + ", actual " + actual);
      }
    } else {
      IdxReader.validate(file);
    }
  }

  private static boolean isValid(Path file, Optional<String> expected) {
    try {
      verify(file, expected, expected.isPresent() ? Sha256.ofFile(file) : "");
      return true;
    } catch (IOException | DatasetException e) {
      LOG.warn("{} is present but fails verification ({}); fetching it again", file, e.getMessage());
      return false;
    }
  }

  private static void moveIntoPlace(Path part, Path target) throws IOException {
    try {
      Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.warn("could not delete {}: {}", file, e.toString());
    }
  }
}
