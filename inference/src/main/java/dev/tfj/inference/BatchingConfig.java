package dev.tfj.inference;

import java.time.Duration;

/**
 * How concurrent calls to one model version are merged into one session run: at most {@code maxBatchSize}
 * rows per run; {@code timeout} is the most a batch leader waits for more calls once the queue is empty.
 */
public record BatchingConfig(int maxBatchSize, Duration timeout) {

  /**
   * Rows per merged run: room for 16 requests of 16 images, or every one-image request 64 connections
   * can have queued; a run of 256 MLP rows takes about a millisecond here.
   */
  public static final int MAX_BATCH_SIZE_DEFAULT = 256;

  /**
   * No wait by default: a call that finds the model idle runs at once, and the calls that queued while a
   * batch ran make up the next batch, which under load fills batches without anyone sleeping. A positive
   * timeout makes a leader wait that long for a batch to fill, trading latency for larger batches.
   */
  public static final Duration TIMEOUT_DEFAULT = Duration.ZERO;

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
