package dev.tfj.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tfj.inference.testing.TestBundles;
import dev.tfj.inference.testing.TestData;
import dev.tfj.server.testing.TestServer;
import dev.tfj.server.testing.TestServer.Response;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Concurrent predict calls are merged into shared session runs, and the Prometheus metrics show it. */
class BatchingMetricsTest {

  @TempDir Path base;

  @Test
  void concurrentCallsShareSessionRunsAndMetricsShowIt() throws Exception {
    TestBundles.exportOurs(base, "mnist", 1, 11);
    int clients = 12;
    int perClient = 15;
    Map<String, Object> body = Map.of("instances", TestServer.nhwc(TestData.mnistTestImages(1), 1));

    try (TestServer server = TestServer.start(base,
        ServerConfig.defaults().withPollInterval(Duration.ZERO).withBatching(32, Duration.ofMillis(5)))) {
      AtomicInteger ok = new AtomicInteger();
      CountDownLatch go = new CountDownLatch(1);
      List<Thread> threads = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        Thread t = new Thread(() -> {
          try {
            go.await();
          } catch (InterruptedException e) {
            return;
          }
          for (int i = 0; i < perClient; i++) {
            if (server.post("/v1/models/mnist:predict", body).status() == 200) {
              ok.incrementAndGet();
            }
          }
        });
        t.start();
        threads.add(t);
      }
      go.countDown();
      for (Thread t : threads) {
        t.join();
      }
      assertThat(ok.get()).isEqualTo(clients * perClient);
      assertThat(server.get("/no/such/path").status()).isEqualTo(404);

      Response metrics = server.get("/monitoring/prometheus/metrics");
      assertThat(metrics.status()).isEqualTo(200);
      String text = metrics.body();
      String runLabels = "model=\"mnist\",signature=\"serving_default\",version=\"1\"";
      double requestsAnswered = TestServer.metric(text, "tfj_batch_requests_sum\\{" + runLabels + "\\}");
      double runs = TestServer.metric(text, "tfj_batch_requests_count\\{" + runLabels + "\\}");
      assertThat(requestsAnswered).isEqualTo(clients * perClient); // warm-up runs bypass the predictor
      assertThat(runs).as("session runs").isLessThan(requestsAnswered);
      assertThat(TestServer.metric(text, "tfj_batch_requests_max\\{" + runLabels + "\\}")).isGreaterThan(1);
      assertThat(TestServer.metric(text, "tfj_requests_total\\{endpoint=\"/v1/models/\\{name\\}:predict\",model=\"mnist\",status=\"200\",version=\"1\"\\}"))
          .isEqualTo(clients * perClient);
      assertThat(text).contains("tfj_request_latency_seconds_bucket{endpoint=\"/v1/models/{name}:predict\"");
      assertThat(TestServer.metric(text, "tfj_requests_total\\{endpoint=\"unmatched\",model=\"\",status=\"404\",version=\"\"\\}"))
          .isEqualTo(1);
      assertThat(TestServer.metric(text, "tfj_model_version_state\\{model=\"mnist\",state=\"AVAILABLE\",version=\"1\"\\}")).isEqualTo(1);
      assertThat(TestServer.metric(text, "tfj_model_version_state\\{model=\"mnist\",state=\"LOADING\",version=\"1\"\\}")).isEqualTo(0);
      assertThat(TestServer.metric(text, "tfj_process_resident_memory_bytes")).isGreaterThan(0);
    }
  }

}
