package dev.tfj.server.predict;

import java.time.Duration;

/**
 * How concurrent calls to one model version are merged into one session run: at most {@code maxBatchSize}
 * rows per run, and a batch waits at most {@code timeout} after its first request for others to join.
 */
public record BatchingConfig(int maxBatchSize, Duration timeout) {

  /** Rows per merged run; 32 keeps a run of our models well under a millisecond. */
  public static final int MAX_BATCH_SIZE_DEFAULT = 32;

  /**
   * The longest a queued call waits for company. A call that finds the model idle never waits; under a
   * steady load a batch runs as soon as it is as large as the previous one.
   */
  public static final Duration TIMEOUT_DEFAULT = Duration.ofMillis(1);

  public BatchingConfig {
    if (maxBatchSize < 1) {
      throw new IllegalArgumentException("maxBatchSize must be >= 1, got " + maxBatchSize);
    }
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("batch timeout must not be negative");
    }
  }

  /** The defaults. */
  public static BatchingConfig defaults() {
    return new BatchingConfig(MAX_BATCH_SIZE_DEFAULT, TIMEOUT_DEFAULT);
  }

  /** No merging: every call runs alone. */
  public static BatchingConfig disabled() {
    return new BatchingConfig(1, Duration.ZERO);
  }

  /** True when calls may be merged. */
  public boolean enabled() {
    return maxBatchSize > 1;
  }
}
