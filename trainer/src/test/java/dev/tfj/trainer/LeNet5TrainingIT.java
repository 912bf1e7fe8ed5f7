package dev.tfj.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tfj.bundle.BundleFiles;
import dev.tfj.bundle.MetricsFile;
import dev.tfj.bundle.TrainingMetrics;
import dev.tfj.inference.ImageBatch;
import dev.tfj.inference.warmup.WarmupFile;
import dev.tfj.trainer.data.Dataset;
import dev.tfj.trainer.data.DatasetLoader;
import dev.tfj.trainer.train.Device;
import dev.tfj.trainer.train.LearningRateSchedule;
import dev.tfj.trainer.train.OptimizerKind;
import dev.tfj.trainer.train.TrainingConfig;
import dev.tfj.trainer.train.TrainingListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LeNet-5 trained for one epoch on real MNIST, exported, and reloaded in a fresh JVM. */
class LeNet5TrainingIT {

  private static Dataset mnist;

  @BeforeAll
  static void loadMnist() {
    mnist = DatasetLoader.load(Path.of(System.getProperty("tfj.test.mnist")));
  }

  @Test
  void oneEpochReachesNinetySevenPercentAndTheReloadedBundleAgrees(@TempDir Path tmp) throws Exception {
    TrainingConfig config =
        new TrainingConfig("lenet5", 1, 64, OptimizerKind.SGD, 0.01, LearningRateSchedule.COSINE, 0.9, 0, 0, 42, Device.CPU, 0);
    TrainResult result =
        TrainJob.run(
            new TrainRequest(config, tmp.resolve("models"), "lenet5", 0, tmp.resolve("ckpt"), false),
            mnist,
            TrainingListener.NONE);

    Path bundle = tmp.resolve("models/lenet5/1");
    assertThat(result.bundleDir()).isEqualTo(bundle);
    assertThat(bundle.resolve(BundleFiles.SAVED_MODEL)).isRegularFile();
    assertThat(bundle.resolve("variables/variables.index")).isRegularFile();
    assertThat(bundle.resolve(BundleFiles.CURVES)).isRegularFile();
    assertThat(Files.list(tmp.resolve("models/lenet5")).map(p -> p.getFileName().toString()).toList())
        .containsExactly("1");
    assertThat(tmp.resolve("ckpt")).doesNotExist();

    assertReadableByAnyoneTheUmaskAllows(tmp, bundle);
    List<WarmupFile.Request> warmup = WarmupFile.read(bundle.resolve(WarmupFile.PATH));
    assertThat(warmup).extracting(r -> r.inputs().get("images").shape())
        .containsExactly(new long[] {1, 28, 28, 1}, new long[] {16, 28, 28, 1});
    assertThat(warmup.get(1).inputs().get("images").floats())
        .isEqualTo(ImageBatch.ofBytes(mnist.test().pixels(), 0, 16).pixels());

    TrainingMetrics metrics = MetricsFile.read(bundle).orElseThrow();
    assertThat(metrics.finalTestAccuracy()).isGreaterThanOrEqualTo(0.97);
    assertThat(metrics.totalParameters()).isEqualTo(61_706);
    assertThat(metrics.epochs()).hasSize(1);
    assertThat(metrics.dataset().sha256()).isEqualTo(mnist.info().sha256());
    int[][] confusion = metrics.confusionMatrix();
    assertThat(java.util.Arrays.stream(confusion).flatMapToInt(java.util.Arrays::stream).sum()).isEqualTo(10_000);

    List<String> reloaded = runInFreshJvm(bundle);
    double accuracy = Double.parseDouble(reloaded.get(0).substring("accuracy=".length()));
    assertThat(accuracy).isEqualTo(metrics.finalTestAccuracy());
    String classes = reloaded.get(1).substring("classes=".length());
    assertThat(classes).hasSize(10_000);
    for (int truth = 0; truth < 10; truth++) {
      for (int predicted = 0; predicted < 10; predicted++) {
        int t = truth;
        int p = predicted;
        long count =
            java.util.stream.IntStream.range(0, 10_000)
                .filter(i -> mnist.test().label(i) == t && classes.charAt(i) - '0' == p)
                .count();
        assertThat(count).as("confusion[%d][%d]", t, p).isEqualTo(confusion[t][p]);
      }
    }
  }

  /** Every file and directory of the bundle has the permissions a plain new file or directory gets here. */
  private static void assertReadableByAnyoneTheUmaskAllows(Path tmp, Path bundle) throws IOException {
    var filePermissions = Files.getPosixFilePermissions(Files.createFile(tmp.resolve("plain-file")));
    var dirPermissions = Files.getPosixFilePermissions(Files.createDirectory(tmp.resolve("plain-dir")));
    try (var all = Files.walk(bundle)) {
      for (Path p : all.toList()) {
        assertThat(Files.getPosixFilePermissions(p)).as(p.toString())
            .isEqualTo(Files.isDirectory(p) ? dirPermissions : filePermissions);
      }
    }
  }

  private static List<String> runInFreshJvm(Path bundle) throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                ReloadedBundleMain.class.getName(),
                bundle.toString(),
                System.getProperty("tfj.test.mnist"))
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("reload output: %s", out).isZero();
    return out.lines().toList();
  }
}
