package dev.tfj.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tfj.server.metrics.ResidentMemory;
import dev.tfj.inference.HostTensor;
import dev.tfj.inference.PredictRequest;
import dev.tfj.server.registry.ServableHandle;
import dev.tfj.inference.testing.TestBundles;
import dev.tfj.inference.testing.TestData;
import dev.tfj.server.testing.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Memory stays flat under sustained load: every Tensor and Result is closed. */
class SustainedLoadIT {

  private static final double MB = 1024 * 1024;

  @TempDir Path base;

  @Test
  void residentMemoryStaysFlatUnderSustainedLoad() throws Exception {
    TestBundles.exportOurs(base, "mnist", 1, 11);
    TestData.copyForeign(TestData.KERAS_CONV, base, "conv", 1);
    try (TestServer server = TestServer.start(base, ServerConfig.defaults().withPollInterval(Duration.ZERO))) {
      // Large batches through the Java API: a leaked 256-image input tensor is 800 KB, so 1500 runs would leak 1.2 GB.
      float[] images = new float[256 * 784];
      java.util.Arrays.fill(images, 0.5f);
      HostTensor batch = HostTensor.floats(new long[] {256, 28, 28, 1}, images);
      runs(server, "mnist", batch, 300);
      double before = settledRss();
      runs(server, "mnist", batch, 1500);
      runs(server, "conv", new HostTensor(batch.dtype(), batch.shape(), batch.data()), 100);
      double afterJava = settledRss();

      // And the HTTP path, with concurrent clients so calls are batched.
      AtomicInteger failures = new AtomicInteger();
      Map<String, Object> body = Map.of("instances", TestServer.nhwc(TestData.mnistTestImages(4), 4));
      List<Thread> clients = new ArrayList<>();
      for (int c = 0; c < 4; c++) {
        Thread t = new Thread(() -> {
          for (int i = 0; i < 250; i++) {
            if (server.post("/v1/models/mnist:predict", body).status() != 200) {
              failures.incrementAndGet();
            }
          }
        });
        t.start();
        clients.add(t);
      }
      for (Thread t : clients) {
        t.join();
      }
      double afterHttp = settledRss();

      assertThat(failures.get()).isZero();
      assertThat((afterJava - before) / MB).as("RSS growth over 1600 large runs, MB").isLessThan(150);
      assertThat((afterHttp - before) / MB).as("RSS growth after 1000 HTTP calls, MB").isLessThan(200);
    }
  }

  private static void runs(TestServer server, String model, HostTensor batch, int count) {
    try (ServableHandle h = server.registry().acquire(model, OptionalLong.empty())) {
      String input = h.predictor().signature(null).inputs().keySet().iterator().next();
      for (int i = 0; i < count; i++) {
        h.predictor().predict(PredictRequest.of(Map.of(input, batch)));
      }
    }
  }

  private static double settledRss() throws InterruptedException {
    System.gc();
    Thread.sleep(200);
    return ResidentMemory.bytes();
  }
}
