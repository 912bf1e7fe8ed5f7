package dev.tfj.cli.bench;

import dev.tfj.inference.ImageBatch;
import dev.tfj.inference.ImageClassifier;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a model in-process, without HTTP, from several threads at once, through the classifier every front end
 * calls: the floor under the HTTP phases' latency and the ceiling over their throughput.
 */
public final class SessionRunner {

  private SessionRunner() {}

  /**
   * Classifies {@code batch} copies of the benchmark digit from {@code threads} threads for {@code seconds}
   * after a warm-up; latencies are per call, one session run each.
   */
  public static BenchResult run(String name, ImageClassifier classifier, int batch, int threads, double seconds)
      throws InterruptedException {
    ImageBatch images = ImageBodies.digits(batch);
    for (int i = 0; i < Math.max(20, 2_000 / batch); i++) {
      classifier.classify(images);
    }
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    List<Latencies> latencies = new ArrayList<>();
    List<Thread> workers = new ArrayList<>();
    long end = System.nanoTime() + (long) (seconds * 1e9);
    for (int t = 0; t < threads; t++) {
      Latencies mine = new Latencies();
      latencies.add(mine);
      workers.add(new Thread(() -> {
        try {
          for (long start = System.nanoTime(); start < end; start = System.nanoTime()) {
            classifier.classify(images);
            mine.add(System.nanoTime() - start);
          }
        } catch (RuntimeException e) {
          failure.compareAndSet(null, e);
        }
      }, "tfj-bench-session-" + t));
    }
    CpuTime cpuTime = CpuTime.start();
    workers.forEach(Thread::start);
    for (Thread t : workers) {
      t.join();
    }
    long cpu = cpuTime.elapsedNanos();
    if (failure.get() != null) {
      throw failure.get();
    }
    Latencies all = new Latencies();
    latencies.forEach(l -> l.copyInto(all));
    long runs = all.count();
    return new BenchResult(name, threads, batch, runs, seconds, all.percentileMs(50), all.percentileMs(99),
        cpu < 0 || runs == 0 ? Double.NaN : cpu / 1e3 / (runs * (double) batch));
  }
}
