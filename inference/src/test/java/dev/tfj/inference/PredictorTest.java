package dev.tfj.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tfj.inference.testing.TestBundles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictorTest {

  @TempDir static Path base;
  static LoadedModel ours;

  @BeforeAll
  static void load() throws Exception {
    ours = LoadedModel.load(TestBundles.exportOurs(base, "ours", 1, 3), SessionThreads.defaults());
  }

  @AfterAll
  static void close() {
    ours.close();
  }

  @Test
  void mergesConcurrentCallsAndSplitsEachResultBack() throws Exception {
    List<int[]> runs = new CopyOnWriteArrayList<>();
    BatchListener listener = (model, version, sig, requests, rows) -> runs.add(new int[] {requests, (int) rows});
    Predictor batched = new Predictor(ours, "ours", 1, new BatchingConfig(64, Duration.ofMillis(20)), listener);
    Predictor alone = Predictor.unbatched(ours);
    int callers = 24;
    Random random = new Random(5);
    List<float[]> images = new ArrayList<>();
    for (int i = 0; i < callers; i++) {
      float[] image = new float[784 * (1 + i % 3)];
      for (int p = 0; p < image.length; p++) {
        image[p] = random.nextFloat();
      }
      images.add(image);
    }

    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<PredictResult>> results = new ArrayList<>();
      for (float[] image : images) {
        results.add(pool.submit(() -> {
          go.await();
          return batched.predict(PredictRequest.of(Map.of("images", images(image))));
        }));
      }
      go.countDown();
      for (int i = 0; i < callers; i++) {
        PredictResult merged = results.get(i).get();
        PredictResult single = alone.predict(PredictRequest.of(Map.of("images", images(images.get(i)))));
        assertThat(merged.outputs().get("probabilities").shape()).containsExactly(1 + i % 3, 10);
        assertThat(merged.outputs().get("probabilities").floats())
            .containsExactly(single.outputs().get("probabilities").floats(), org.assertj.core.data.Offset.offset(1e-5f));
        assertThat((long[]) merged.outputs().get("classes").data())
            .containsExactly((long[]) single.outputs().get("classes").data());
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(runs.stream().mapToInt(r -> r[0]).sum()).isEqualTo(callers);
    assertThat(runs.stream().mapToInt(r -> r[0]).max().orElse(0)).as("calls merged into one run").isGreaterThan(1);
    assertThat(runs.stream().mapToInt(r -> r[1]).max().orElse(0)).isLessThanOrEqualTo(64);
  }

  @Test
  void aLoneCallDoesNotWaitForCompany() {
    Predictor batched = new Predictor(ours, "ours", 1, new BatchingConfig(32, Duration.ofSeconds(5)), BatchListener.none());
    long start = System.nanoTime();
    batched.predict(PredictRequest.of(Map.of("images", images(new float[784]))));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void rejectsUnknownMissingMistypedAndMisshapenInputs() {
    Predictor p = Predictor.unbatched(ours);
    HostTensor image = images(new float[784]);
    assertThatThrownBy(() -> p.predict(PredictRequest.of(Map.of("pixels", image))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("unknown input 'pixels'");
    assertThatThrownBy(() -> p.predict(PredictRequest.of(Map.of())))
        .hasMessageContaining("missing input 'images'");
    assertThatThrownBy(() -> p.predict(PredictRequest.of(Map.of("images", new HostTensor(DType.INT32, new long[] {1, 28, 28, 1}, new int[784])))))
        .hasMessageContaining("dtype DT_INT32").hasMessageContaining("DT_FLOAT");
    assertThatThrownBy(() -> p.predict(PredictRequest.of(Map.of("images", HostTensor.floats(new long[] {1, 784}, new float[784])))))
        .hasMessageContaining("shape [1,784]").hasMessageContaining("[-1,28,28,1]");
    assertThatThrownBy(() -> p.predict(PredictRequest.of(Map.of("images", HostTensor.floats(new long[] {0, 28, 28, 1}, new float[0])))))
        .hasMessageContaining("empty batch");
    assertThatThrownBy(() -> p.predict(new PredictRequest("nope", Map.of("images", image))))
        .hasMessageContaining("\"nope\" not found");
  }

  @Test
  void runsStringInputsAndOutputs() throws Exception {
    try (LoadedModel strings = LoadedModel.load(TestBundles.exportStringLength(base, "strings", 1), SessionThreads.defaults())) {
      byte[][] text = {"héllo".getBytes(StandardCharsets.UTF_8), new byte[] {0, (byte) 255}};
      PredictResult r = Predictor.unbatched(strings)
          .predict(PredictRequest.of(Map.of("text", new HostTensor(DType.STRING, new long[] {2}, text))));
      assertThat((int[]) r.outputs().get("length").data()).containsExactly(6, 2);
      assertThat((byte[][]) r.outputs().get("echo_bytes").data()).isDeepEqualTo(text);
    }
  }

  private static HostTensor images(float[] pixels) {
    return HostTensor.floats(new long[] {pixels.length / 784, 28, 28, 1}, pixels);
  }
}
