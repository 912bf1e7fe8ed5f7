package dev.tfj.server.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tfj.inference.testing.TestBundles;
import dev.tfj.inference.testing.TestData;
import dev.tfj.serving.api.tfserving.ModelSpec;
import dev.tfj.serving.api.tfserving.PredictRequest;
import dev.tfj.serving.api.tfserving.PredictResponse;
import dev.tfj.serving.api.tfserving.PredictionServiceGrpc;
import dev.tfj.server.http.ServerConfig;
import dev.tfj.server.testing.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A REST call and a gRPC call share one batcher, so they can be merged into one session run. */
class GrpcBatchingTest {

  @TempDir Path base;

  /**
   * Every session thread is held (a listener parks the first runs), then a REST and a gRPC call queue up;
   * freeing one thread lets it take both queued calls into one run.
   */
  @Test
  @Timeout(120)
  void mergesARestAndAGrpcCallIntoOneSessionRun() throws Exception {
    TestBundles.exportOurs(base, "mnist", 1, 11);
    float[] seven = TestData.mnistTestImages(1);
    Map<String, Object> rest = Map.of("instances", TestServer.nhwc(seven, 1));
    int slots = Runtime.getRuntime().availableProcessors(); // the batcher's session threads

    try (TestServer server = TestServer.start(base, ServerConfig.defaults().withPollInterval(Duration.ZERO))) {
      AtomicInteger runs = new AtomicInteger();
      CountDownLatch allHeld = new CountDownLatch(slots);
      Semaphore release = new Semaphore(0);
      List<int[]> merged = new CopyOnWriteArrayList<>();
      server.registry().addBatchListener((model, version, sig, calls, rows) -> {
        merged.add(new int[] {calls, (int) rows});
        if (runs.incrementAndGet() <= slots) { // a blocker: keep its leader slot until released
          allHeld.countDown();
          release.acquireUninterruptibly();
        }
      });

      List<Thread> threads = new ArrayList<>();
      List<String> failures = new CopyOnWriteArrayList<>();
      for (int i = 0; i < slots; i++) {
        threads.add(start(() -> expect200(server.post("/v1/models/mnist:predict", rest), failures)));
      }
      allHeld.await();
      AtomicReference<PredictResponse> grpcAnswer = new AtomicReference<>();
      threads.add(start(() -> expect200(server.post("/v1/models/mnist:predict", rest), failures)));
      threads.add(start(() -> grpcAnswer.set(PredictionServiceGrpc.newBlockingStub(server.channel())
          .predict(PredictRequest.newBuilder()
              .setModelSpec(ModelSpec.newBuilder().setName("mnist"))
              .putInputs("images", GrpcApiTest.content(seven, 1, 28, 28, 1))
              .build()))));
      while (parkedInBatcher() < slots + 2) { // the held runs' callers, and both calls queued behind them
        Thread.onSpinWait();
        Thread.yield();
      }
      release.release(1); // one slot frees: its next leader takes both queued calls
      while (merged.size() < slots + 1) {
        Thread.onSpinWait();
        Thread.yield();
      }
      release.release(slots - 1);
      for (Thread t : threads) {
        t.join();
      }

      assertThat(failures).isEmpty();
      assertThat(grpcAnswer.get().getModelSpec().getVersion().getValue()).isEqualTo(1);
      assertThat(merged).hasSize(slots + 1);
      assertThat(merged.get(slots)).containsExactly(2, 2);
      String metrics = server.get("/monitoring/prometheus/metrics").body();
      String labels = "model=\"mnist\",signature=\"serving_default\",version=\"1\"";
      assertThat(TestServer.metric(metrics, "tfj_batch_requests_max\\{" + labels + "\\}")).isEqualTo(2);
      assertThat(TestServer.metric(metrics, "tfj_batch_requests_sum\\{" + labels + "\\}")).isEqualTo(slots + 2);
      assertThat(TestServer.metric(metrics, "tfj_batch_requests_count\\{" + labels + "\\}")).isEqualTo(slots + 1);
    }
  }

  private static Thread start(Runnable r) {
    Thread t = new Thread(r);
    t.start();
    return t;
  }

  private static void expect200(TestServer.Response r, List<String> failures) {
    if (r.status() != 200) {
      failures.add(r.status() + " " + r.body());
    }
  }

  /** Callers waiting for a batcher, queued or with their run under way (parked with the batcher as blocker). */
  private static long parkedInBatcher() {
    return Thread.getAllStackTraces().keySet().stream()
        .map(LockSupport::getBlocker)
        .filter(b -> b != null && b.getClass().getName().equals("dev.tfj.inference.Batcher"))
        .count();
  }

}
