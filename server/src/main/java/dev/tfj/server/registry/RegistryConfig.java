package dev.tfj.server.registry;

import dev.tfj.inference.BatchingConfig;
import dev.tfj.inference.SessionThreads;
import java.time.Duration;

/**
 * How a registry serves a model directory: which versions, how often it looks for new ones
 * ({@link Duration#ZERO} for never), how calls are batched, and the session thread pools.
 */
public record RegistryConfig(
    VersionPolicy versionPolicy, Duration pollInterval, BatchingConfig batching, SessionThreads threads) {

  /** How often the directory is scanned by default. */
  public static final Duration POLL_INTERVAL_DEFAULT = Duration.ofSeconds(2);

  public RegistryConfig {
    if (pollInterval.isNegative()) {
      throw new IllegalArgumentException("poll interval must not be negative");
    }
  }

  /** Latest version, polled every 2 s, default batching and threads. */
  public static RegistryConfig defaults() {
    return new RegistryConfig(
        VersionPolicy.LATEST, POLL_INTERVAL_DEFAULT, BatchingConfig.defaults(), SessionThreads.defaults());
  }

  /** A copy with another version policy. */
  public RegistryConfig withVersionPolicy(VersionPolicy policy) {
    return new RegistryConfig(policy, pollInterval, batching, threads);
  }

  /** A copy with another poll interval; zero turns polling off. */
  public RegistryConfig withPollInterval(Duration interval) {
    return new RegistryConfig(versionPolicy, interval, batching, threads);
  }

  /** A copy with other batching. */
  public RegistryConfig withBatching(BatchingConfig batchingConfig) {
    return new RegistryConfig(versionPolicy, pollInterval, batchingConfig, threads);
  }
}
