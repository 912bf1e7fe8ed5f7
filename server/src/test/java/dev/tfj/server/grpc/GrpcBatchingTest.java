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
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A REST call and a gRPC call share one batcher, so they can be merged into one session run. */
class GrpcBatchingTest {

  @TempDir Path base;

  /**
   * Every session thread is held (a listener holds runs until released), then a REST and a gRPC call queue
   * up; freeing one session thread lets it take both queued calls into one run. The first call may run on
   * its own request thread (a lone call on an allowed thread): it is held too, and is not a session thread.
   */
  @Test
  @Timeout(120)
  void mergesARestAndAGrpcCallIntoOneSessionRun() throws Exception {
    TestBundles.exportOurs(base, "mnist", 1, 11);
    float[] seven = TestData.mnistTestImages(1);
    Map<String, Object> rest = Map.of("instances", TestServer.nhwc(seven, 1));
    int slots = Runtime.getRuntime().availableProcessors(); // the batcher's session threads

    try (TestServer server = TestServer.start(base, ServerConfig.defaults().withPollInterval(Duration.ZERO))) {
      AtomicBoolean holding = new AtomicBoolean(true);
      Map<Thread, CountDownLatch> held = new ConcurrentHashMap<>();
      List<int[]> merged = new CopyOnWriteArrayList<>();
      server.registry().addBatchListener((model, version, sig, calls, rows) -> {
        merged.add(new int[] {calls, (int) rows});
        if (holding.get()) { // a blocker: keep this thread's run until released
          CountDownLatch gate = new CountDownLatch(1);
          held.put(Thread.currentThread(), gate);
          while (true) {
            try {
              gate.await();
              return;
            } catch (InterruptedException e) {
              // keep holding
            }
          }
        }
      });

      List<Thread> threads = new ArrayList<>();
      List<String> failures = new CopyOnWriteArrayList<>();
      // one call at a time, each held where it runs, until every session thread holds one; once the first is
      // held the model is busy, so every later call queues for a session thread
      while (sessionThreads(held.keySet()) < slots) {
        int before = held.size();
        threads.add(start(() -> expect200(server.post("/v1/models/mnist:predict", rest), failures)));
        while (held.size() == before) {
          pause();
        }
      }
      int heldRuns = held.size();
      long heldInline = heldRuns - slots;
      AtomicReference<PredictResponse> grpcAnswer = new AtomicReference<>();
      threads.add(start(() -> expect200(server.post("/v1/models/mnist:predict", rest), failures)));
      threads.add(start(() -> grpcAnswer.set(PredictionServiceGrpc.newBlockingStub(server.channel())
          .predict(PredictRequest.newBuilder()
              .setModelSpec(ModelSpec.newBuilder().setName("mnist"))
              .putInputs("images", GrpcApiTest.content(seven, 1, 28, 28, 1))
              .build()))));
      while (parkedInBatcher() < slots + 2) { // the held session runs' callers, and both calls queued behind them
        pause();
      }
      holding.set(false);
      Thread sessionThread = held.keySet().stream().filter(GrpcBatchingTest::isSessionThread).findFirst().orElseThrow();
      held.get(sessionThread).countDown(); // one session thread frees: it takes both queued calls
      while (merged.size() < heldRuns + 1) {
        pause();
      }
      held.values().forEach(CountDownLatch::countDown);
      for (Thread t : threads) {
        t.join();
      }

      assertThat(failures).isEmpty();
      assertThat(heldInline).isBetween(0L, 1L);
      assertThat(grpcAnswer.get().getModelSpec().getVersion().getValue()).isEqualTo(1);
      assertThat(merged).hasSize(heldRuns + 1);
      assertThat(merged.get(heldRuns)).containsExactly(2, 2);
      String metrics = server.get("/monitoring/prometheus/metrics").body();
      String labels = "model=\"mnist\",signature=\"serving_default\",version=\"1\"";
      assertThat(TestServer.metric(metrics, "tfj_batch_requests_max\\{" + labels + "\\}")).isEqualTo(2);
      assertThat(TestServer.metric(metrics, "tfj_batch_requests_sum\\{" + labels + "\\}")).isEqualTo(heldRuns + 2);
      assertThat(TestServer.metric(metrics, "tfj_batch_requests_count\\{" + labels + "\\}")).isEqualTo(heldRuns + 1);
    }
  }

  /** Lets other threads run; ends the test at its timeout (JUnit interrupts it) rather than spinning on. */
  private static void pause() throws InterruptedException {
    Thread.onSpinWait();
    Thread.yield();
    if (Thread.interrupted()) {
      throw new InterruptedException("timed out waiting");
    }
  }

  private static boolean isSessionThread(Thread t) {
    return t.getName().startsWith("tfj-batch-");
  }

  private static long sessionThreads(Set<Thread> threads) {
    return threads.stream().filter(GrpcBatchingTest::isSessionThread).count();
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
