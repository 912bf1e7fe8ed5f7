package dev.tfj.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tfj.inference.testing.TestBundles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Merged batches padded to allowed sizes: the padding's rows are dropped, and the session sees few shapes. */
class BatcherPaddingTest {

  @TempDir static Path base;
  static LoadedModel ours;

  @BeforeAll
  static void load() throws Exception {
    ours = LoadedModel.load(TestBundles.exportOurs(base, "ours", 1, 3), SessionThreads.serving());
  }

  @AfterAll
  static void close() {
    ours.close();
  }

  @Test
  void aPaddedCallGetsExactlyItsOwnRowsWithTheUnpaddedValues() {
    Predictor batched = new Predictor(ours, "ours", 1, new BatchingConfig(64, Duration.ZERO), BatchListener.none());
    Predictor alone = Predictor.unbatched(ours);
    float[] pixels = random(5, 11); // 5 rows: run as 6, one row of zeros dropped
    PredictResult padded = batched.predict(PredictRequest.of(Map.of("images", images(pixels))));
    PredictResult exact = alone.predict(PredictRequest.of(Map.of("images", images(pixels))));
    assertThat(padded.outputs().get("probabilities").shape()).containsExactly(5, 10);
    assertThat(padded.outputs().get("probabilities").floats())
        .containsExactly(exact.outputs().get("probabilities").floats(), Offset.offset(1e-5f));
    assertThat((long[]) padded.outputs().get("classes").data()).containsExactly((long[]) exact.outputs().get("classes").data());
    assertThat(batched.sessionBatchSizes()).containsEntry("serving_default", Set.of(6L));
  }

  @Test
  void concurrentCallsOfEverySizeRunWithAllowedShapesOnlyAndGetTheirOwnRows() throws Exception {
    int max = 64;
    Predictor batched = new Predictor(ours, "ours", 1, new BatchingConfig(max, Duration.ZERO), BatchListener.none());
    Predictor alone = Predictor.unbatched(ours);
    int callers = 40;
    List<float[]> inputs = new ArrayList<>();
    for (int i = 0; i < callers; i++) {
      inputs.add(random(1 + i % 7, i));
    }
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      for (int round = 0; round < 3; round++) {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<PredictResult>> results = new ArrayList<>();
        for (float[] in : inputs) {
          results.add(pool.submit(() -> {
            go.await();
            return batched.predict(PredictRequest.of(Map.of("images", images(in))));
          }));
        }
        go.countDown();
        for (int i = 0; i < callers; i++) {
          PredictResult merged = results.get(i).get();
          PredictResult single = alone.predict(PredictRequest.of(Map.of("images", images(inputs.get(i)))));
          assertThat(merged.outputs().get("probabilities").shape()).containsExactly(1 + i % 7, 10);
          assertThat(merged.outputs().get("probabilities").floats())
              .containsExactly(single.outputs().get("probabilities").floats(), Offset.offset(1e-5f));
        }
      }
    } finally {
      pool.shutdownNow();
    }
    for (int rows = 1; rows <= max; rows++) { // one at a time too: every size from 1 to the maximum
      batched.predict(PredictRequest.of(Map.of("images", images(random(rows, rows)))));
    }
    Set<Long> seen = batched.sessionBatchSizes().get("serving_default");
    Set<Long> allowed = new HashSet<>();
    BatchSizes.upTo(max).allowed().forEach(s -> allowed.add((long) s));
    assertThat(allowed).containsAll(seen);
    assertThat(seen).hasSizeLessThanOrEqualTo(12);
  }

  @Test
  void sessionsRunOnAFixedSmallSetOfThreads() throws Exception {
    Set<Thread> ran = java.util.concurrent.ConcurrentHashMap.newKeySet();
    BatchListener record = (model, version, signature, requests, rows) -> ran.add(Thread.currentThread());
    Predictor batched = new Predictor(ours, "ours", 1, new BatchingConfig(64, Duration.ZERO), record);
    // the first call finds the model idle on a thread allowed to run it: it runs there, no hand-off
    batched.predict(PredictRequest.of(Map.of("images", images(random(1, 1)))));
    assertThat(ran).containsExactly(Thread.currentThread());
    // lone calls one after another from 12 live threads, then all at once: whichever threads ran them,
    // they are the session threads and at most one request thread per core
    int callers = 12;
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      for (int i = 0; i < callers; i++) {
        int seed = i;
        pool.submit(() -> batched.predict(PredictRequest.of(Map.of("images", images(random(1, seed)))))).get();
      }
      CountDownLatch go = new CountDownLatch(1);
      List<Future<PredictResult>> results = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        int seed = i;
        results.add(pool.submit(() -> {
          go.await();
          return batched.predict(PredictRequest.of(Map.of("images", images(random(1 + seed % 3, seed)))));
        }));
      }
      go.countDown();
      for (Future<PredictResult> r : results) {
        r.get();
      }
    } finally {
      pool.shutdownNow();
    }
    long requestThreads = ran.stream().filter(t -> !t.getName().startsWith("tfj-batch-")).count();
    long sessionThreads = ran.size() - requestThreads;
    assertThat(requestThreads).isBetween(1L, (long) Batcher.SESSION_THREADS);
    assertThat(sessionThreads).isLessThanOrEqualTo(Batcher.SESSION_THREADS);
  }

  /**
   * A place to run lone calls moves to another request thread only once its holder has left it unused for the
   * hand-over time (a lone client's requests come on whichever pool threads the HTTP server picks): before,
   * the newcomer's call goes to a session thread; after, it runs on the newcomer, which keeps the place.
   */
  @Test
  void anUnusedPlaceToRunLoneCallsMovesToTheNextThreadThatFindsTheModelIdle() throws Exception {
    AtomicLong now = new AtomicLong();
    List<Thread> ran = new java.util.concurrent.CopyOnWriteArrayList<>();
    SignatureSpec sig = ours.signatures().get("serving_default");
    try (Batcher batcher = new Batcher(ours, sig, new BatchingConfig(64, Duration.ZERO), "tfj-batch-test",
        (calls, rows) -> ran.add(Thread.currentThread()), now::get, Duration.ofSeconds(1))) {
      Map<String, HostTensor> one = Map.of("images", images(random(1, 3)));
      List<ExecutorService> holders = new ArrayList<>();
      for (int i = 0; i < Batcher.INLINE_THREADS; i++) { // every place taken, the first at t = 0
        now.set(i);
        ExecutorService holder = Executors.newSingleThreadExecutor();
        holders.add(holder);
        Thread t = holder.submit(() -> {
          batcher.call(one, 1);
          return Thread.currentThread();
        }).get();
        assertThat(ran.get(ran.size() - 1)).isSameAs(t);
      }
      ExecutorService newcomer = Executors.newSingleThreadExecutor();
      try {
        now.set(Duration.ofMillis(999).toNanos()); // places used within the hand-over time: no move
        Thread n = newcomer.submit(() -> {
          batcher.call(one, 1);
          return Thread.currentThread();
        }).get();
        assertThat(ran.get(ran.size() - 1)).isNotSameAs(n);
        assertThat(ran.get(ran.size() - 1).getName()).startsWith("tfj-batch-test");
        awaitIdle(batcher);

        now.set(Duration.ofMillis(1000).toNanos()); // the longest unused place moves to the newcomer
        newcomer.submit(() -> batcher.call(one, 1)).get();
        assertThat(ran.get(ran.size() - 1)).isSameAs(n);
        // and stays: the former holder now queues (the other places were used less than a second ago)
        Thread first = holders.get(0).submit(() -> {
          batcher.call(one, 1);
          return Thread.currentThread();
        }).get();
        assertThat(ran.get(ran.size() - 1)).isNotSameAs(first);
        awaitIdle(batcher);
        newcomer.submit(() -> batcher.call(one, 1)).get();
        assertThat(ran.get(ran.size() - 1)).isSameAs(n);
      } finally {
        newcomer.shutdownNow();
        holders.forEach(ExecutorService::shutdownNow);
      }
    }
  }

  /**
   * Waits for the session thread that ran the last queued call to count itself idle again (it does so just
   * after handing the call its outputs): only a call that finds the model idle may run on its own thread.
   */
  private static void awaitIdle(Batcher batcher) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!batcher.idle()) {
      assertThat(System.nanoTime() - deadline).as("the batcher never became idle").isNegative();
      Thread.onSpinWait();
    }
  }

  @Test
  void stringBatchesArePaddedWithEmptyStrings() throws Exception {
    try (LoadedModel strings = LoadedModel.load(TestBundles.exportStringLength(base, "strings", 1), SessionThreads.serving())) {
      Predictor batched = new Predictor(strings, "strings", 1, new BatchingConfig(64, Duration.ZERO), BatchListener.none());
      byte[][] text = new byte[5][];
      for (int i = 0; i < text.length; i++) {
        text[i] = ("row " + i + "é").getBytes(StandardCharsets.UTF_8);
      }
      PredictResult r = batched.predict(PredictRequest.of(Map.of("text", new HostTensor(DType.STRING, new long[] {5}, text))));
      assertThat((int[]) r.outputs().get("length").data()).containsExactly(7, 7, 7, 7, 7);
      assertThat((byte[][]) r.outputs().get("echo_bytes").data()).isDeepEqualTo(text);
      assertThat(batched.sessionBatchSizes().get("serving_default")).containsExactly(6L);
    }
  }

  private static float[] random(int rows, long seed) {
    Random random = new Random(seed);
    float[] pixels = new float[784 * rows];
    for (int p = 0; p < pixels.length; p++) {
      pixels[p] = random.nextFloat();
    }
    return pixels;
  }

  private static HostTensor images(float[] pixels) {
    return HostTensor.floats(new long[] {pixels.length / 784, 28, 28, 1}, pixels);
  }
}
