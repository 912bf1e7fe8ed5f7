package dev.tfj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tfj.bundle.MetricsFile;
import dev.tfj.trainer.train.CheckpointState;
import dev.tfj.trainer.train.Device;
import dev.tfj.trainer.train.LearningRateSchedule;
import dev.tfj.trainer.train.OptimizerKind;
import dev.tfj.trainer.train.TrainingConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input to {@code tfj train}: one clear line, the right exit code, no stack trace. */
class TrainCommandTest {

  @TempDir Path tmp;

  @Test
  void printsHelpWithEveryOption() {
    CliRun run = CliRun.of("train", "--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("--model", "--epochs", "--resume", "--bundle-version", "--device", "--mirror");
  }

  @Test
  void rejectsAnUnknownModelAsAUsageError() {
    CliRun run = CliRun.of("train", "--model", "resnet", "-o", tmp.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).isEqualTo("tfj train: unknown model 'resnet': choose one of lenet5, mlp, lenet5-reg\n");
  }

  @Test
  void rejectsNegativeEpochs() {
    CliRun run = CliRun.of("train", "--epochs", "-3", "-o", tmp.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).isEqualTo("tfj train: --epochs must be at least 1, got -3\n");
  }

  @Test
  void rejectsANonNumericOptionWithUsageHint() {
    CliRun run = CliRun.of("train", "--epochs", "ten");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).startsWith("train: Invalid value for option '--epochs'").contains("--help");
  }

  @Test
  void reportsMissingDataNamingTheFileAndWhatToDo() throws IOException {
    Path empty = Files.createDirectory(tmp.resolve("empty"));

    CliRun run = CliRun.of("train", "--data-dir", empty.toString(), "-o", tmp.resolve("out").toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.SOFTWARE);
    assertThat(run.err())
        .isEqualTo("tfj train: missing train-images-idx3-ubyte.gz (or train-images-idx3-ubyte) in " + empty
            + " (expected the four IDX files, or train.tar and test.tar); run `tfj data fetch` or pass --data-dir\n");
    assertThat(tmp.resolve("out")).isEmptyDirectory();
  }

  @Test
  void reportsATruncatedImageFileByName() throws IOException {
    Path data = Files.createDirectory(tmp.resolve("data"));
    writeIdx(data.resolve("train-images-idx3-ubyte.gz"), 2051, new int[] {100, 28, 28}, 500);
    writeIdx(data.resolve("train-labels-idx1-ubyte.gz"), 2049, new int[] {100}, 100);
    writeIdx(data.resolve("t10k-images-idx3-ubyte.gz"), 2051, new int[] {10, 28, 28}, 7840);
    writeIdx(data.resolve("t10k-labels-idx1-ubyte.gz"), 2049, new int[] {10}, 10);

    CliRun run = CliRun.of("train", "--data-dir", data.toString(), "-o", tmp.resolve("out").toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.SOFTWARE);
    assertThat(run.err().lines()).hasSize(1);
    assertThat(run.err()).contains("train-images-idx3-ubyte.gz").contains("truncated");
  }

  @Test
  void reportsAnUnwritableOutputDirectoryBeforeTraining() throws IOException {
    Path file = Files.writeString(tmp.resolve("a-file"), "not a directory");

    CliRun run = CliRun.of("train", "-o", file.resolve("models").toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.SOFTWARE);
    assertThat(run.err()).startsWith("tfj train: cannot write to --output-dir " + file.resolve("models"));
    assertThat(run.err().lines()).hasSize(1);
  }

  @Test
  void explainsThatNoGpuIsVisible() {
    CliRun run = CliRun.of("train", "--device", "gpu", "-o", tmp.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.SOFTWARE);
    assertThat(run.err()).startsWith("tfj train: --device gpu: TensorFlow sees no GPU").contains("--device cpu");
    assertThat(run.err().lines()).hasSize(1);
  }

  @Test
  void rejectsAnUnknownDevice() {
    CliRun run = CliRun.of("train", "--device", "tpu", "-o", tmp.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).isEqualTo("tfj train: --device 'tpu': choose cpu or gpu\n");
  }

  @Test
  void rejectsAnUnknownPrecisionListingTheChoicesAsTyped() {
    CliRun run = CliRun.of("train", "--precision", "fp16", "-o", tmp.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).isEqualTo("tfj train: --precision 'fp16': choose one of auto, float32, mixed-bfloat16\n");
  }

  @Test
  void rejectsBfloat16OnAGpuBeforeLookingForOne() {
    CliRun run = CliRun.of("train", "--device", "gpu", "--precision", "mixed-bfloat16", "-o", tmp.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).isEqualTo("tfj train: --precision must be float32 or auto on a gpu (mixed-bfloat16 is"
        + " oneDNN's CPU rewrite), got mixed-bfloat16\n");
  }

  @Test
  void matchesEnumValuesInAnyCase() {
    CliRun run = CliRun.of("train", "--device", "GPU", "--optimizer", "Adam", "--lr-schedule", "CONSTANT", "-o",
        tmp.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.SOFTWARE);
    assertThat(run.err()).startsWith("tfj train: --device gpu: TensorFlow sees no GPU");
  }

  @Test
  void namesTheOptionOfAnOutOfRangeSetting() {
    CliRun run = CliRun.of("train", "--optimizer", "sgd", "--momentum", "1.5", "-o", tmp.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).isEqualTo("tfj train: --momentum must be in [0, 1), got 1.5\n");
  }

  @Test
  void helpFormatsEveryDescription() {
    java.io.PrintStream saved = System.err;
    java.io.ByteArrayOutputStream warnings = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(warnings, true));
    try {
      CliRun.of("train", "--help");
      CliRun.of("study", "--help");
    } finally {
      System.setErr(saved);
    }
    // picocli formats descriptions with String.format: a lone '%' makes it warn on stderr and print the raw text
    assertThat(warnings.toString()).doesNotContain("picocli WARN");
  }

  @Test
  void helpListsTheTrainingOptions() {
    CliRun run = CliRun.of("train", "--help");

    assertThat(run.out())
        .contains("--augment", "--augment-shift", "--augment-rotate", "--augment-scale", "--label-smoothing",
            "--warmup-epochs", "--precision");
  }

  @Test
  void rejectsLabelSmoothingOfOne() {
    CliRun run = CliRun.of("train", "--label-smoothing", "1", "-o", tmp.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).isEqualTo("tfj train: --label-smoothing must be in [0, 1), got 1.0\n");
  }

  @Test
  void rejectsAWarmUpAsLongAsTheRun() {
    CliRun run = CliRun.of("train", "--epochs", "3", "--warmup-epochs", "3", "-o", tmp.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).isEqualTo("tfj train: --warmup-epochs must be fewer than the epochs (3), got 3\n");
  }

  @Test
  void rejectsAnAugmentationRangeOutsideItsLimits() {
    CliRun run = CliRun.of("train", "--augment-rotate", "200", "-o", tmp.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).isEqualTo("tfj train: --augment-rotate must be in [0, 180] degrees, got 200.0\n");
  }

  @Test
  void resumeWithAugmentationNamesItsSettings() throws IOException {
    Path ckpt = checkpointOfOneMlpEpoch(128);

    CliRun run =
        CliRun.of(
            "train", "--resume", "-m", "mlp", "--epochs", "3", "--batch-size", "128", "--augment-shift", "1",
            "--label-smoothing", "0.1", "--data-dir", System.getProperty("tfj.test.mnist"),
            "--checkpoint-dir", ckpt.toString(), "-o", tmp.resolve("out").toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.SOFTWARE);
    assertThat(run.err())
        .isEqualTo("tfj train: --resume: the checkpoint in " + ckpt + " was made with different settings"
            + " (--augment-shift 0.0, now 1.0; --augment-rotate 0.0, now 10.0; --augment-scale 0.0, now 0.1;"
            + " --label-smoothing 0.0, now 0.1); repeat them, or run without --resume to start over\n");
  }

  @Test
  void resumeWithOtherSettingsNamesTheOptionsThatDiffer() throws IOException {
    Path ckpt = checkpointOfOneMlpEpoch(128);

    CliRun run =
        CliRun.of(
            "train", "--resume", "-m", "mlp", "--epochs", "5", "--batch-size", "32", "--seed", "7",
            "--data-dir", System.getProperty("tfj.test.mnist"), "--checkpoint-dir", ckpt.toString(),
            "-o", tmp.resolve("out").toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.SOFTWARE);
    assertThat(run.err())
        .isEqualTo("tfj train: --resume: the checkpoint in " + ckpt + " was made with different settings"
            + " (--batch-size 128, now 32; --seed 42, now 7); repeat them, or run without --resume to start over\n");
  }

  @Test
  void resumeOnOtherDataAsksForTheSameDataDir() throws IOException {
    Path ckpt = checkpointOfOneMlpEpoch(64);

    CliRun run =
        CliRun.of(
            "train", "--resume", "-m", "mlp", "--data-dir", System.getProperty("tfj.test.mnist"),
            "--checkpoint-dir", ckpt.toString(), "-o", tmp.resolve("out").toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.SOFTWARE);
    assertThat(run.err())
        .isEqualTo("tfj train: --resume: the checkpoint in " + ckpt
            + " was trained on other data; use the same --data-dir\n");
  }

  @Test
  void resumeWithoutACheckpointSaysHowToStart() {
    CliRun run =
        CliRun.of(
            "train", "--resume", "--data-dir", System.getProperty("tfj.test.mnist"),
            "--checkpoint-dir", tmp.resolve("none").toString(), "-o", tmp.resolve("out").toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.SOFTWARE);
    assertThat(run.err())
        .isEqualTo("tfj train: --resume: no checkpoint in " + tmp.resolve("none") + "; run without --resume to start\n");
  }

  @Test
  void showsAStackTraceOnlyWithVerbose() throws IOException {
    Path empty = Files.createDirectory(tmp.resolve("empty"));

    CliRun quiet = CliRun.of("train", "--data-dir", empty.toString(), "-o", tmp.toString());
    CliRun verbose = CliRun.of("train", "-v", "--data-dir", empty.toString(), "-o", tmp.toString());

    assertThat(quiet.err()).doesNotContain("\tat ");
    assertThat(verbose.err()).contains("\tat dev.tfj.");
  }

  /** A checkpoint directory whose state says: epoch 1 of 3 of mlp at {@code batchSize}, on data of sum 00…0. */
  private Path checkpointOfOneMlpEpoch(int batchSize) throws IOException {
    Path ckpt = Files.createDirectory(tmp.resolve("ckpt"));
    TrainingConfig recorded =
        new TrainingConfig("mlp", 3, batchSize, OptimizerKind.SGD, 0.01, LearningRateSchedule.COSINE, 0.9, 0, 0, 42,
            Device.CPU, 0);
    MetricsFile.mapper().writeValue(ckpt.resolve("state.json").toFile(),
        new CheckpointState(recorded, "0".repeat(64), 1, List.of(), 1.0, ckpt.resolve("ckpt-1").toString()));
    return ckpt;
  }

  private static void writeIdx(Path file, int magic, int[] dims, int bodyBytes) throws IOException {
    ByteBuffer header = ByteBuffer.allocate(4 + 4 * dims.length).putInt(magic);
    for (int d : dims) {
      header.putInt(d);
    }
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(header.array());
      out.write(new byte[bodyBytes]);
    }
  }
}
