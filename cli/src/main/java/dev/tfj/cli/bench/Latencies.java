package dev.tfj.cli.bench;

import java.util.Arrays;

/** Latency samples in nanoseconds, and their percentiles. */
final class Latencies {

  private long[] samples = new long[1 << 16];
  private int count;

  void add(long nanos) {
    if (count == samples.length) {
      samples = Arrays.copyOf(samples, count * 2);
    }
    samples[count++] = nanos;
  }

  void copyInto(Latencies other) {
    for (int i = 0; i < count; i++) {
      other.add(samples[i]);
    }
  }

  int count() {
    return count;
  }

  /** The {@code p}-th percentile (0..100) in milliseconds. */
  double percentileMs(double p) {
    if (count == 0) {
      return Double.NaN;
    }
    long[] sorted = Arrays.copyOf(samples, count);
    Arrays.sort(sorted);
    int index = (int) Math.min(count - 1, Math.max(0, Math.ceil(p / 100 * count) - 1));
    return sorted[index] / 1e6;
  }
}
