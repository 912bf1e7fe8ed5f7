package dev.tfj.compat;

import dev.tfj.inference.ImageBatch;
import dev.tfj.inference.testing.TestData;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bundles fresh from {@code tfj train} (one epoch of each model, TF Java 1.1.0 / TF 2.18) load in TensorFlow
 * 1.15 and 2.10, each in a JVM of its own, and classify all 10,000 MNIST test images exactly as
 * {@code metrics.json} says: the same count of correct images.
 */
class TensorFlowRuntimesIT {

  private static final List<String> MODELS = List.of("lenet5", "mlp", "lenet5-reg");
  private static final int TEST_IMAGES = 10_000;

  @TempDir Path tmp;

  @Test
  void everyModelsBundleClassifiesTheTestSetAsRecordedInTf115AndTf210() throws Exception {
    Path mnist = Path.of(System.getProperty("tfj.test.mnist"));
    List<TrainedBundle> bundles = new ArrayList<>();
    for (String model : MODELS) {
      bundles.add(TrainedBundle.train(model, tmp, mnist));
    }
    Path images = tmp.resolve("t10k-images.f32");
    Path labels = tmp.resolve("t10k-labels.u8");
    writeTestSet(images, labels);

    Map<ForkedRuntime, ForkedRuntime.Run> runs = new LinkedHashMap<>();
    for (ForkedRuntime runtime : runtimes()) {
      runs.put(runtime, runtime.classify(bundles, images, labels, tmp));
    }
    System.out.println(table(bundles, runs));

    SoftAssertions softly = new SoftAssertions();
    runs.forEach(
        (runtime, run) -> {
          for (TrainedBundle b : bundles) {
            softly
                .assertThat(run.correct(b).map(TensorFlowRuntimesIT::accuracy))
                .as("%s's bundle in %s (TensorFlow %s): test accuracy; runner exit %d, stderr:%n%s",
                    b.model(), runtime.name(), run.version(), run.exitCode(), run.errorsAbout(b))
                .hasValue(b.recordedAccuracy());
          }
          softly
              .assertThat(run.exitCode())
              .as("%s runner exit; stderr besides the bundles' errors:%n%s", runtime.name(), run.otherErrors())
              .isZero();
        });
    softly.assertAll();
  }

  private static List<ForkedRuntime> runtimes() {
    Path jars = Path.of(System.getProperty("tfj.test.runtimes", "target/runtimes"));
    Path runners = Path.of(System.getProperty("tfj.test.runners", "src/test/runners"));
    return List.of(
        new ForkedRuntime("TF 1.15", jars.resolve("tf115"), runners.resolve("Tf115Runner.java")),
        new ForkedRuntime("TF 2.10", jars.resolve("tf210"), runners.resolve("Tf210Runner.java")));
  }

  /** The test set as the runners read it: float32 pixels in [0,1] (converted the one way tfj does), label bytes. */
  private static void writeTestSet(Path images, Path labels) throws IOException {
    float[] pixels = ImageBatch.ofBytes(TestData.mnistTestBytes(TEST_IMAGES), 0, TEST_IMAGES).pixels();
    ByteBuffer buffer = ByteBuffer.allocate(pixels.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    buffer.asFloatBuffer().put(pixels);
    Files.write(images, buffer.array());
    int[] values = TestData.mnistTestLabels(TEST_IMAGES);
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) values[i];
    }
    Files.write(labels, bytes);
  }

  private static String accuracy(int correct) {
    return String.format(Locale.ROOT, "%.4f", (double) correct / TEST_IMAGES);
  }

  /** Accuracy per model and runtime; FAILED where a runtime gave no count. */
  private static String table(List<TrainedBundle> bundles, Map<ForkedRuntime, ForkedRuntime.Run> runs) {
    StringBuilder t = new StringBuilder(String.format(Locale.ROOT, "%n%-12s %-24s", "model", "TF 2.18 (metrics.json)"));
    runs.forEach((runtime, run) -> t.append(cell(runtime.name() + " (" + run.version() + ")")));
    for (TrainedBundle b : bundles) {
      t.append(String.format(Locale.ROOT, "%n%-12s %-24s", b.model(), b.recordedAccuracy()));
      runs.values().forEach(run -> t.append(cell(run.correct(b).map(TensorFlowRuntimesIT::accuracy).orElse("FAILED"))));
    }
    return t.toString();
  }

  private static String cell(String text) {
    return String.format(Locale.ROOT, " %-18s", text);
  }
}
