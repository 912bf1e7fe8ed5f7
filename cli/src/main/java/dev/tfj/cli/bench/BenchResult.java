package dev.tfj.cli.bench;

/** One measured row: latency percentiles (ms) or throughput (images/s), NaN where not measured. */
public record BenchResult(String name, int connections, long requests, double seconds, double p50Ms, double p99Ms) {

  /** Requests (one image each) per second. */
  public double imagesPerSecond() {
    return requests / seconds;
  }
}
