package dev.tfj.cli.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Runs closed-loop HTTP load: N connections each sending the next request as soon as the last answered. */
public final class LoadRunner {

  private LoadRunner() {}

  /** Measures for {@code seconds} after a short warm-up; latencies are recorded per request. */
  public static BenchResult run(
      String name, String host, int port, String path, byte[] body, int imagesPerRequest, int connections,
      double seconds)
      throws IOException, InterruptedException {
    List<RawHttpClient> clients = new ArrayList<>();
    try {
      for (int i = 0; i < connections; i++) {
        clients.add(new RawHttpClient(host, port, path, body));
      }
      for (RawHttpClient c : clients) {
        requireOk(c.call());
      }
      AtomicLong requests = new AtomicLong();
      AtomicReference<Exception> failure = new AtomicReference<>();
      List<Latencies> latencies = new ArrayList<>();
      List<Thread> threads = new ArrayList<>();
      long warmupEnd = System.nanoTime() + Math.min(1_000_000_000L, (long) (seconds * 2e8));
      long end = warmupEnd + (long) (seconds * 1e9);
      for (RawHttpClient c : clients) {
        Latencies mine = new Latencies();
        latencies.add(mine);
        Thread t = new Thread(() -> {
          try {
            for (long now = System.nanoTime(); now < end; now = System.nanoTime()) {
              requireOk(c.call());
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
      for (RawHttpClient c : clients) {
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
