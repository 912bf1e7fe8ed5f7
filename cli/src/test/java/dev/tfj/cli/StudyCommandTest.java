package dev.tfj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tfj.bundle.BundleFiles;
import dev.tfj.bundle.MetricsFile;
import dev.tfj.bundle.TrainingMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudyCommandTest {

  @TempDir Path tmp;

  @Test
  void smallStudyReportsMeanAndSpreadOfItsBundlesAndContinuesWhenRunAgain() throws Exception {
    Path data = MnistSlice.write(tmp.resolve("mnist-slice"), 4_000, 1_000);
    Path study = tmp.resolve("study");
    String[] args = {
      "study", "--models", "mlp", "--seeds", "2", "--epochs", "1", "--optimizer", "adam", "--batch-size", "128",
      "--data-dir", data.toString(), "-o", study.toString(), "--digits", "10"
    };

    CliRun first = CliRun.of(args);

    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out())
        .contains("study of 2 runs in " + study)
        .contains("run 1/2 mlp seed 1 — training")
        .contains("run 2/2 mlp seed 2 — epoch 1/1 test acc")
        .contains("ETA")
        .contains("run 2/2 mlp seed 2 — done: test accuracy")
        .contains("wrote " + study.resolve("index.html"));
    TrainingMetrics s1 = metrics(study, "mlp-s1");
    TrainingMetrics s2 = metrics(study, "mlp-s2");
    assertThat(List.of(s1.hyperparameters().seed(), s2.hyperparameters().seed())).containsExactly(1L, 2L);

    // Mean and sample standard deviation of two values, computed here independently of the study's code.
    double a = s1.finalTestAccuracy();
    double b = s2.finalTestAccuracy();
    String meanStd = String.format(Locale.ROOT, "%.2f ± %.2f%%", 50 * (a + b), 100 * Math.abs(a - b) / Math.sqrt(2));
    String range = String.format(Locale.ROOT, "%.2f–%.2f%%", 100 * Math.min(a, b), 100 * Math.max(a, b));
    double la = s1.epochs().get(0).testLoss();
    double lb = s2.epochs().get(0).testLoss();
    String lossMeanStd = String.format(Locale.ROOT, "%.4f ± %.4f", (la + lb) / 2, Math.abs(la - lb) / Math.sqrt(2));
    String markdown = Files.readString(study.resolve("report.md"));
    String html = Files.readString(study.resolve("index.html"));
    for (String page : List.of(markdown, html)) {
      assertThat(page)
          .contains(meanStd)
          .contains(range)
          .contains(lossMeanStd)
          .contains(String.format(Locale.ROOT, "%.2f%%", 100 * a))
          .contains(String.format(Locale.ROOT, "%.2f%%", 100 * b))
          .contains(String.format(Locale.ROOT, "%,d", s1.totalParameters()))
          .contains("./tfj train --model mlp --seed 2 --epochs 1 --batch-size 128 --optimizer adam")
          .contains("--data-dir " + data + " --name mlp-s2")
          .contains("Digits every run gets wrong");
    }
    assertThat(markdown).contains("| mlp | mlp | " + String.format(Locale.ROOT, "%,d", s1.totalParameters()) + " | 2 | "
        + meanStd + " | " + range + " |");
    assertThat(study.resolve("accuracy.png")).isNotEmptyFile();
    assertThat(study.resolve("loss.png")).isNotEmptyFile();
    assertThat(study.resolve("errors-all-runs.png")).isNotEmptyFile();
    assertThat(study.resolve("study.json")).isNotEmptyFile();
    byte[] recorded = Files.readAllBytes(study.resolve("models/mlp-s1/1").resolve(BundleFiles.METRICS));

    CliRun again = CliRun.of(args);

    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.out())
        .contains("run 1/2 mlp seed 1 — finished earlier")
        .contains("run 2/2 mlp seed 2 — finished earlier")
        .doesNotContain("training");
    assertThat(Files.readAllBytes(study.resolve("models/mlp-s1/1").resolve(BundleFiles.METRICS))).isEqualTo(recorded);

    String[] moreSeeds = args.clone();
    moreSeeds[4] = "3";
    CliRun other = CliRun.of(moreSeeds);

    assertThat(other.exitCode()).isEqualTo(ExitCodes.SOFTWARE);
    assertThat(other.err())
        .isEqualTo("tfj study: --out " + study + " holds another study (seeds: [1, 2] there, [1, 2, 3] now); repeat"
            + " that study's options to continue it, or choose another --out" + System.lineSeparator());
  }

  @Test
  void rejectsAnUnknownModelBeforeLoadingData() {
    CliRun run = CliRun.of("study", "--models", "lenet5,resnet", "-o", tmp.resolve("s").toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).startsWith("tfj study: unknown model 'resnet': choose one of lenet5, ");
    assertThat(tmp.resolve("s")).doesNotExist();
  }

  @Test
  void explainsThatNoGpuIsVisibleAsTrainDoes() {
    CliRun run = CliRun.of("study", "--models", "mlp", "--seeds", "1", "--epochs", "1", "--device", "gpu", "-o",
        tmp.resolve("g").toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.SOFTWARE);
    assertThat(run.err()).startsWith("tfj study: --device gpu: TensorFlow sees no GPU")
        .contains("./mvnw -Pgpu package", "--device cpu");
    assertThat(run.err().lines()).hasSize(1);
  }

  @Test
  void rejectsFewerThanOneSeed() {
    CliRun run = CliRun.of("study", "--seeds", "0", "-o", tmp.resolve("s").toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).isEqualTo("tfj study: --seeds must be at least 1, got 0" + System.lineSeparator());
  }

  @Test
  void rejectsBadEpochsInTheTrainersWords() {
    CliRun zero = CliRun.of("study", "--epochs", "0", "-o", tmp.resolve("s").toString());
    CliRun notTrained = CliRun.of("study", "--models", "mlp", "--model-epochs", "lenet5=20");
    CliRun repeated = CliRun.of("study", "--models", "mlp,mlp");

    assertThat(zero.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(zero.err()).isEqualTo("tfj study: --epochs must be at least 1, got 0" + System.lineSeparator());
    assertThat(notTrained.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(notTrained.err()).startsWith("tfj study: --model-epochs lenet5=20: the study trains no lenet5");
    assertThat(repeated.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(repeated.err()).startsWith("tfj study: --models names a model twice: mlp,mlp");
  }

  private static TrainingMetrics metrics(Path study, String run) throws Exception {
    return MetricsFile.read(study.resolve("models").resolve(run).resolve("1")).orElseThrow();
  }
}
