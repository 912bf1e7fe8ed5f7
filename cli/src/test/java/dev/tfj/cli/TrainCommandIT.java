package dev.tfj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tfj.bundle.MetricsFile;
import dev.tfj.bundle.TrainingMetrics;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tfj train} end to end on real MNIST, fetched from a file:// mirror into a fresh cache. */
class TrainCommandIT {

  @TempDir Path tmp;

  @Test
  void fetchesTrainsAndExportsTheNextVersion() throws Exception {
    Path data = tmp.resolve("data");
    Path models = tmp.resolve("models");
    String mirror = Path.of(System.getProperty("tfj.test.mnist")).toUri().toString();

    CliRun fetch = CliRun.of("data", "fetch", "--mirror", mirror, "--data-dir", data.toString());
    assertThat(fetch.exitCode()).as(fetch.err()).isZero();
    assertThat(fetch.out()).contains("4 downloaded, 0 already present");

    String[] train = {
      "train", "--model", "mlp", "--epochs", "1", "--data-dir", data.toString(), "-o", models.toString(),
      "--checkpoint-dir", tmp.resolve("ckpt").toString()
    };
    CliRun first = CliRun.of(train);
    CliRun second = CliRun.of(train);

    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).contains("epoch  1/1").contains("exported " + models.resolve("mlp/1"));
    assertThat(second.out()).contains("exported " + models.resolve("mlp/2"));
    TrainingMetrics metrics = MetricsFile.read(models.resolve("mlp/1")).orElseThrow();
    assertThat(metrics.model()).isEqualTo("mlp");
    assertThat(metrics.finalTestAccuracy()).isGreaterThan(0.94);
    TrainingMetrics again = MetricsFile.read(models.resolve("mlp/2")).orElseThrow();
    // Same seed: same initial weights and order; TensorFlow's CPU kernels may still differ in the last bits.
    assertThat(again.epochs().get(0).trainLoss())
        .isCloseTo(metrics.epochs().get(0).trainLoss(), org.assertj.core.data.Offset.offset(1e-4));
  }
}
