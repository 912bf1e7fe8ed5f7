package dev.tfj.cli.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs closed-loop load: N connections (HTTP) or streams (gRPC) each sending the next request as soon as the
 * last answered.
 */
public final class LoadRunner {

  /** One connection or stream that sends the same request again and again; a failed call throws. */
  public interface Caller extends AutoCloseable {
    void call() throws IOException;

    @Override
    void close() throws IOException;
  }

  /** Opens the {@code i}-th caller. */
  @FunctionalInterface
  public interface CallerFactory {
    Caller open(int i) throws IOException;
  }

  private LoadRunner() {}

  /** HTTP load: each connection POSTs {@code body} to {@code path}, measured as {@link #run(String, CallerFactory, int, int, double)}. */
  public static BenchResult run(
      String name, String host, int port, String path, byte[] body, int imagesPerRequest, int connections,
      double seconds)
      throws IOException, InterruptedException {
    return run(name, host, port, path, body, imagesPerRequest, connections, seconds, () -> {});
  }

  /** As {@link #run(String, String, int, String, byte[], int, int, double)}, telling when the measured window starts. */
  public static BenchResult run(
      String name, String host, int port, String path, byte[] body, int imagesPerRequest, int connections,
      double seconds, Runnable onMeasuring)
      throws IOException, InterruptedException {
    return run(name, i -> {
      RawHttpClient client = new RawHttpClient(host, port, path, body);
      return new Caller() {
        @Override
        public void call() throws IOException {
          requireOk(client.call());
        }

        @Override
        public void close() throws IOException {
          client.close();
        }
      };
    }, imagesPerRequest, connections, seconds, onMeasuring);
  }

  /** Measures for {@code seconds} after a short warm-up; latencies are recorded per request. */
  public static BenchResult run(
      String name, CallerFactory factory, int imagesPerRequest, int connections, double seconds)
      throws IOException, InterruptedException {
    return run(name, factory, imagesPerRequest, connections, seconds, () -> {});
  }

  private static BenchResult run(
      String name, CallerFactory factory, int imagesPerRequest, int connections, double seconds, Runnable onMeasuring)
      throws IOException, InterruptedException {
    List<Caller> clients = new ArrayList<>();
    try {
      for (int i = 0; i < connections; i++) {
        clients.add(factory.open(i));
      }
      for (Caller c : clients) {
        c.call();
      }
      AtomicLong requests = new AtomicLong();
      AtomicReference<Exception> failure = new AtomicReference<>();
      List<Latencies> latencies = new ArrayList<>();
      List<Thread> threads = new ArrayList<>();
      long warmupEnd = System.nanoTime() + Math.min(1_000_000_000L, (long) (seconds * 2e8));
      long end = warmupEnd + (long) (seconds * 1e9);
      for (Caller c : clients) {
        Latencies mine = new Latencies();
        latencies.add(mine);
        Thread t = new Thread(() -> {
          try {
            for (long now = System.nanoTime(); now < end; now = System.nanoTime()) {
              c.call();
              long done = System.nanoTime();
              if (now >= warmupEnd) {
                mine.add(done - now);
                requests.incrementAndGet();
              }
            }
          } catch (IOException | RuntimeException e) {
            failure.compareAndSet(null, e);
          }
        }, "tfj-bench-" + threads.size());
        threads.add(t);
      }
      threads.forEach(Thread::start);
      long sleep = (warmupEnd - System.nanoTime()) / 1_000_000;
      Thread.sleep(Math.max(0, sleep));
      onMeasuring.run();
      CpuTime cpuTime = CpuTime.start();
      long measuredFrom = requests.get();
      for (Thread t : threads) {
        t.join();
      }
      long cpu = cpuTime.elapsedNanos();
      long counted = requests.get() - measuredFrom;
      if (failure.get() != null) {
        throw new IOException("load failed: " + failure.get().getMessage(), failure.get());
      }
      Latencies merged = merge(latencies);
      return new BenchResult(name, connections, imagesPerRequest, requests.get(), seconds, merged.percentileMs(50), merged.percentileMs(99),
          cpu < 0 || counted == 0 ? Double.NaN : cpu / 1e3 / (counted * (double) imagesPerRequest));
    } finally {
      for (Caller c : clients) {
        c.close();
      }
    }
  }

  private static Latencies merge(List<Latencies> parts) {
    Latencies all = new Latencies();
    for (Latencies l : parts) {
      l.copyInto(all);
    }
    return all;
  }

  private static void requireOk(int status) throws IOException {
    if (status != 200) {
      throw new IOException("server answered HTTP " + status);
    }
  }
}
