package dev.tfj.trainer.data;

import static dev.tfj.trainer.data.DatasetSpec.TEST_LABELS;
import static dev.tfj.trainer.data.DatasetSpec.TRAIN_LABELS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tfj.trainer.data.internal.Sha256;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class DatasetFetcherTest {

  /** MNIST's two small label files, with their real checksums. */
  private static final DatasetSpec LABELS = new DatasetSpec("mnist-labels", List.of(TRAIN_LABELS, TEST_LABELS),
      List.of(), Map.of(TRAIN_LABELS, DatasetSpec.MNIST.sha256().get(TRAIN_LABELS),
          TEST_LABELS, DatasetSpec.MNIST.sha256().get(TEST_LABELS)));

  /** The same files with no known checksums: only parsing them as IDX can catch a bad download. */
  private static final DatasetSpec UNVERIFIED =
      new DatasetSpec("unverified", List.of(TRAIN_LABELS, TEST_LABELS), List.of(), Map.of());

  @TempDir Path target;

  private Path mnist;
  private LoopbackServer server;
  private final DatasetFetcher fetcher = new DatasetFetcher();

  @BeforeEach
  void startServer() throws IOException {
    mnist = TestData.mnist();
    server = new LoopbackServer(mnist);
  }

  @AfterEach
  void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void fetchesMnistVerifiesChecksumsAndReportsProgress() throws IOException {
    RecordingProgress progress = new RecordingProgress();

    FetchResult result = fetcher.fetch(DatasetSpec.MNIST, target, List.of(server.mirror("good")), progress);

    assertThat(result.downloaded()).containsExactlyElementsOf(DatasetSpec.IDX_FILES);
    assertThat(result.alreadyPresent()).isEmpty();
    for (String file : DatasetSpec.IDX_FILES) {
      assertThat(Sha256.ofFile(target.resolve(file))).isEqualTo(DatasetSpec.MNIST.sha256().get(file));
    }
    assertThat(listing()).containsExactlyInAnyOrderElementsOf(DatasetSpec.IDX_FILES);
    assertThat(progress.events).containsExactly(
        "start " + DatasetSpec.TRAIN_IMAGES + " 9912422", "done 9912422",
        "start " + TRAIN_LABELS + " 28881", "done 28881",
        "start " + DatasetSpec.TEST_IMAGES + " 1648877", "done 1648877",
        "start " + TEST_LABELS + " 4542", "done 4542");
    assertThat(DatasetLoader.load(target).name()).isEqualTo("mnist");
  }

  @Test
  void skipsFilesAlreadyPresentAndVerified() throws IOException {
    Files.copy(mnist.resolve(TRAIN_LABELS), target.resolve(TRAIN_LABELS));

    FetchResult result = fetcher.fetch(LABELS, target, List.of(server.mirror("good")), ProgressListener.NONE);

    assertThat(result.alreadyPresent()).containsExactly(TRAIN_LABELS);
    assertThat(result.downloaded()).containsExactly(TEST_LABELS);
    assertThat(server.hits("good")).isEqualTo(1);
  }

  @Test
  void replacesPresentFileThatFailsVerification() throws IOException {
    Files.writeString(target.resolve(TRAIN_LABELS), "not the real file");

    FetchResult result = fetcher.fetch(LABELS, target, List.of(server.mirror("good")), ProgressListener.NONE);

    assertThat(result.downloaded()).containsExactly(TRAIN_LABELS, TEST_LABELS);
    assertThat(Files.readAllBytes(target.resolve(TRAIN_LABELS))).isEqualTo(Files.readAllBytes(mnist.resolve(TRAIN_LABELS)));
  }

  @Test
  void rejectsChecksumMismatchAndLeavesNoFile() throws IOException {
    URI bad = server.mirror("bad");
    String expected = LABELS.sha256().get(TRAIN_LABELS);
    String actual = sha256(LoopbackServer.corrupted(Files.readAllBytes(mnist.resolve(TRAIN_LABELS))));

    assertThatThrownBy(() -> fetcher.fetch(LABELS, target, List.of(bad), ProgressListener.NONE))
        .isInstanceOf(DatasetException.class)
        .hasMessage("could not fetch " + TRAIN_LABELS + " from any mirror: " + bad
            + " (checksum mismatch: expected sha256 " + expected + ", actual " + actual + ")");
    assertThat(listing()).isEmpty();
  }

  @Test
  void rejectsCorruptFileWithoutKnownChecksumByParsingIt() throws IOException {
    assertThatThrownBy(() -> fetcher.fetch(UNVERIFIED, target, List.of(server.mirror("bad")), ProgressListener.NONE))
        .isInstanceOf(DatasetException.class)
        .hasMessageStartingWith("could not fetch " + TRAIN_LABELS + " from any mirror: ");
    assertThat(listing()).isEmpty();
  }

  @Test
  void acceptsFileWithoutKnownChecksumWhenItParses() {
    FetchResult result = fetcher.fetch(UNVERIFIED, target, List.of(server.mirror("good")), ProgressListener.NONE);

    assertThat(result.downloaded()).containsExactly(TRAIN_LABELS, TEST_LABELS);
  }

  @Test
  void interruptedDownloadLeavesNothingThatLooksComplete() throws IOException {
    URI shortMirror = server.mirror("short");

    assertThatThrownBy(() -> fetcher.fetch(UNVERIFIED, target, List.of(shortMirror), ProgressListener.NONE))
        .isInstanceOf(DatasetException.class)
        .hasMessageStartingWith("could not fetch " + TRAIN_LABELS + " from any mirror: " + shortMirror
            + " (transfer broke off after ")
        .hasMessageContaining(" of 28881 bytes");
    assertThat(listing()).isEmpty();
  }

  @Test
  void stopsAndCleansUpWhenTheThreadIsInterrupted() throws IOException {
    List<URI> mirrors = List.of(mnist.toUri(), server.mirror("good"));
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> fetcher.fetch(LABELS, target, mirrors, ProgressListener.NONE))
          .isInstanceOf(DatasetException.class)
          .hasMessageEndingWith("was interrupted");
      assertThat(Thread.currentThread().isInterrupted()).as("interrupt status kept").isTrue();
    } finally {
      Thread.interrupted();
    }
    assertThat(listing()).isEmpty();
    assertThat(server.hits("good")).as("no further mirror tried").isZero();
  }

  @Test
  void fallsBackToTheNextMirrorWhenOneReturns404() throws IOException {
    FetchResult result = fetcher.fetch(LABELS, target,
        List.of(server.mirror("missing"), server.mirror("good")), ProgressListener.NONE);

    assertThat(result.downloaded()).containsExactly(TRAIN_LABELS, TEST_LABELS);
    assertThat(server.hits("missing")).isEqualTo(2);
    assertThat(listing()).containsExactlyInAnyOrder(TRAIN_LABELS, TEST_LABELS);
  }

  @Test
  void namesEveryMirrorAndItsReasonWhenAllFail() throws IOException {
    URI refused = URI.create("http://127.0.0.1:1/mnist/");
    URI missing = server.mirror("missing");
    URI bad = server.mirror("bad");

    assertThatThrownBy(() -> fetcher.fetch(LABELS, target, List.of(refused, missing, bad), ProgressListener.NONE))
        .hasMessageStartingWith("could not fetch " + TRAIN_LABELS + " from any mirror: " + refused + " (")
        .hasMessageContaining("; " + missing + " (HTTP 404); " + bad + " (checksum mismatch: expected sha256 ")
        .hasMessageNotContaining("\n");
    assertThat(listing()).isEmpty();
  }

  @Test
  void followsRedirects() {
    FetchResult result = fetcher.fetch(LABELS, target, List.of(server.mirror("redirect")), ProgressListener.NONE);

    assertThat(result.downloaded()).hasSize(2);
    assertThat(server.hits("good")).isEqualTo(2);
  }

  @Test
  void fetchesFromFileMirrorGivenWithoutTrailingSlash() throws IOException {
    List<URI> mirrors = Mirrors.parse("file://" + mnist.toAbsolutePath());
    assertThat(mirrors.get(0).toString()).endsWith("/");

    FetchResult result = fetcher.fetch(LABELS, target, mirrors, ProgressListener.NONE);

    assertThat(result.downloaded()).containsExactly(TRAIN_LABELS, TEST_LABELS);
    assertThat(Files.readAllBytes(target.resolve(TEST_LABELS))).isEqualTo(Files.readAllBytes(mnist.resolve(TEST_LABELS)));
  }

  @Test
  void reportsMissingFileInFileMirror() {
    URI empty = target.resolve("empty-mirror").toUri();

    assertThatThrownBy(() -> fetcher.fetch(LABELS, target.resolve("out"), List.of(empty), ProgressListener.NONE))
        .hasMessageContaining("(no such file ");
  }

  private List<String> listing() throws IOException {
    try (Stream<Path> files = Files.list(target)) {
      return files.map(path -> path.getFileName().toString()).toList();
    }
  }

  private static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(Sha256.digest().digest(bytes));
  }

  /** Records start and done events, with the bytes advanced by the time of each done. */
  private static final class RecordingProgress implements ProgressListener {
    final List<String> events = new ArrayList<>();
    long advanced;

    @Override
    public void start(String fileName, long totalBytes) {
      advanced = 0;
      events.add("start " + fileName + " " + totalBytes);
    }

    @Override
    public void advance(long bytes) {
      advanced += bytes;
    }

    @Override
    public void done() {
      events.add("done " + advanced);
    }
  }
}
