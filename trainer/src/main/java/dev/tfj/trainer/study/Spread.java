package dev.tfj.trainer.study;

import java.util.Arrays;

/**
 * Mean, sample standard deviation (n − 1), minimum and maximum of one figure over a group's runs.
 *
 * @param std the sample standard deviation; 0 with a single run, whose spread is unknown
 */
public record Spread(int n, double mean, double std, double min, double max) {

  /** The spread of {@code values}. */
  public static Spread of(double... values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("no values");
    }
    double mean = Arrays.stream(values).sum() / values.length;
    double squares = Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum();
    double std = values.length > 1 ? Math.sqrt(squares / (values.length - 1)) : 0;
    return new Spread(
        values.length,
        mean,
        std,
        Arrays.stream(values).min().orElseThrow(),
        Arrays.stream(values).max().orElseThrow());
  }

  /** Whether the spread is measured: at least two runs. */
  public boolean measured() {
    return n > 1;
  }

  /** Whether the mean ± std intervals of this and {@code other} overlap: their difference is within the noise. */
  public boolean overlaps(Spread other) {
    return mean - std <= other.mean + other.std && other.mean - other.std <= mean + std;
  }
}
