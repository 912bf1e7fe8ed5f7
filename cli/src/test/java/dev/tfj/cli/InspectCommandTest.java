package dev.tfj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tfj inspect}: signatures as saved_model_cli shows them, plus metrics.json. */
class InspectCommandTest {

  @TempDir Path tmp;

  @Test
  void showsOurSignatureAndMetrics() {
    CliRun run = CliRun.of("inspect", TinyBundle.base().resolve("mlp").toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("SavedModel " + TinyBundle.version())
        .contains("MetaGraphDef with tag-set: 'serve'")
        .contains("  written by TensorFlow 2.18.0 (v2.18.0), default-valued attributes left out\n")
        .contains("TF Serving warm-up: 2 predict requests in assets.extra/tf_serving_warmup_requests\n")
        .contains("signature_def['serving_default']:", "method name: tensorflow/serving/predict")
        .containsPattern("images +DT_FLOAT +\\[-1,28,28,1\\] +images:0")
        .containsPattern("probabilities +DT_FLOAT +\\[-1,10\\]")
        .containsPattern("classes +DT_INT64 +\\[-1\\]")
        .contains("metrics.json:", "model               mlp", "test accuracy       0.9");
  }

  @Test
  void showsEverySignatureOfAForeignModel() {
    CliRun run = CliRun.of("inspect", TinyBundle.foreign("keras3-conv-tf219/1").toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("written by TensorFlow 2.19.0 (v2.19.0-rc0-6-ge36baa30292), default-valued attributes left out\n")
        .contains("TF Serving warm-up: none",
            "signature_def['serve']:", "signature_def['serving_default']:")
        .containsPattern("keras_tensor +DT_FLOAT +\\[-1,28,28,1\\] +serving_default_keras_tensor:0")
        .containsPattern("output_0 +DT_FLOAT +\\[-1,10\\] +StatefulPartitionedCall_1:0")
        .contains("no metrics.json");
  }

  @Test
  void rejectsADirectoryThatIsNotASavedModel() throws IOException {
    Path empty = Files.createDirectory(tmp.resolve("empty"));

    CliRun run = CliRun.of("inspect", empty.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.SOFTWARE);
    assertThat(run.err()).isEqualTo("tfj inspect: " + empty + " is not a SavedModel: no saved_model.pb and no"
        + " numbered version directories in it\n");
  }

  @Test
  void rejectsACorruptSavedModelInOneLine() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("m/1"));
    Files.write(dir.resolve("saved_model.pb"), new byte[] {(byte) 0xff, 1, 2, 3});

    CliRun run = CliRun.of("inspect", dir.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.SOFTWARE);
    assertThat(run.err()).startsWith("tfj inspect: " + dir.resolve("saved_model.pb") + " is not a SavedModel protobuf");
    assertThat(run.err().lines()).hasSize(1);
  }

  @Test
  void rejectsAMissingPath() {
    CliRun run = CliRun.of("inspect", tmp.resolve("nope").toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.SOFTWARE);
    assertThat(run.err()).isEqualTo("tfj inspect: " + tmp.resolve("nope") + " does not exist\n");
  }
}
