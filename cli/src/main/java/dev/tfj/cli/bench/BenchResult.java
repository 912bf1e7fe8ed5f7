package dev.tfj.cli.bench;

/**
 * One measured row: latency percentiles (ms, per request), throughput (images/s), and the CPU time the whole
 * benchmark process (server and load generator together) spent per image, which depends far less than
 * images/s on what else the machine is running. NaN where not measured.
 */
public record BenchResult(
    String name, int connections, int imagesPerRequest, long requests, double seconds, double p50Ms, double p99Ms,
    double cpuUsPerImage) {

  /** Images answered per second. */
  public double imagesPerSecond() {
    return requests * (double) imagesPerRequest / seconds;
  }
}
