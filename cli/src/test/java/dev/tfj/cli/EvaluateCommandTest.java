package dev.tfj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tfj.bundle.MetricsFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tfj evaluate} on real MNIST: our bundle and the two foreign Keras models. */
class EvaluateCommandTest {

  private final String mnist = TinyBundle.mnist().toString();

  @TempDir Path tmp;

  @Test
  void reproducesTheDocumentedAccuracyOfTheKerasSoftmaxModel() {
    CliRun run = CliRun.of("evaluate", "-m", TinyBundle.foreign("keras-softmax-tf24").toString(), "--data-dir", mnist);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("accuracy  0.9242 (9242/10000)", "flatten_input [N,28,28] 0..1 -> dense");
  }

  @Test
  void reproducesTheDocumentedAccuracyOfTheKeras3ConvModel() {
    CliRun run = CliRun.of("evaluate", "-m", TinyBundle.foreign("keras3-conv-tf219/1").toString(), "--data-dir", mnist);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("accuracy  0.9705 (9705/10000)", "keras_tensor [N,28,28,1] 0..1 -> output_0");
  }

  @Test
  void explicitOptionsForAForeignModelGiveTheSameAccuracy() {
    CliRun run = CliRun.of(
        "evaluate", "-m", TinyBundle.foreign("keras3-conv-tf219").toString(), "--data-dir", mnist,
        "--signature", "serve", "--input-name", "keras_tensor", "--output-name", "output_0",
        "--layout", "N,28,28,1", "--scale", "0..1");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("accuracy  0.9705", "serve: keras_tensor");
  }

  @Test
  void reproducesOurBundlesRecordedAccuracyWithConfusionMatrix() throws IOException {
    double recorded = MetricsFile.read(TinyBundle.version()).orElseThrow().finalTestAccuracy();

    CliRun run = CliRun.of("evaluate", "-m", TinyBundle.base().resolve("mlp").toString(), "--data-dir", mnist);

    assertThat(run.exitCode()).as(run.err()).isZero();
    String acc = String.format(Locale.ROOT, "%.4f", recorded);
    assertThat(run.out())
        .contains("accuracy  " + acc, "recorded  " + acc, "loss      0.", "true\\pred", "accuracy\n");
    assertThat(run.out().lines().filter(l -> l.matches("\\s+\\d\\s+(\\s+\\d+){10}\\s+0\\.\\d{4}"))).hasSize(10);
  }

  @Test
  void rejectsALayoutTheModelDoesNotTake() {
    CliRun run = CliRun.of("evaluate", "-m", TinyBundle.version().toString(), "--data-dir", mnist, "--layout", "N,784");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.SOFTWARE);
    assertThat(run.err().lines()).hasSize(1);
    assertThat(run.err()).startsWith("tfj evaluate: the model rejected input [N,784]").contains("--layout");
  }

  @Test
  void rejectsAnUnknownLayoutAsAUsageError() {
    CliRun run = CliRun.of("evaluate", "-m", TinyBundle.version().toString(), "--layout", "N,3,3");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).isEqualTo("tfj evaluate: --layout 'N,3,3': choose one of N,28,28,1  N,28,28  N,784\n");
  }

  @Test
  void rejectsAnUnknownOutputName() {
    CliRun run = CliRun.of("evaluate", "-m", TinyBundle.version().toString(), "--output-name", "logits");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).startsWith("tfj evaluate: --output-name logits: signature 'serving_default' has no output");
  }

  @Test
  void rejectsAnUnknownSignatureNamingTheOption() {
    CliRun run = CliRun.of("evaluate", "-m", TinyBundle.version().toString(), "--signature", "nope");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).isEqualTo("tfj evaluate: --signature nope: Serving signature name: \"nope\" not found in"
        + " signature def; the model has [serving_default]\n");
  }

  @Test
  void rejectsAnUnknownScaleAsAUsageError() {
    CliRun run = CliRun.of("evaluate", "-m", TinyBundle.version().toString(), "--scale", "0..9");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).isEqualTo("tfj evaluate: --scale '0..9': choose 0..1 or 0..255\n");
  }

  @Test
  void reportsAModelTensorFlowCannotLoadInOneLine() throws IOException {
    Path version = Files.createDirectories(tmp.resolve("broken/1"));
    Files.write(version.resolve("saved_model.pb"), new byte[] {(byte) 0xff, 1, 2, 3});

    CliRun run = CliRun.of("evaluate", "-m", version.getParent().toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.SOFTWARE);
    assertThat(run.err().lines()).hasSize(1);
    assertThat(run.err()).startsWith("tfj evaluate: cannot load the SavedModel in " + version + ": ");
  }
}
