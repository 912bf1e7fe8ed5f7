package dev.tfj.server.http;

import dev.tfj.inference.BatchingConfig;
import dev.tfj.inference.SessionThreads;
import dev.tfj.server.registry.RegistryConfig;
import dev.tfj.server.registry.VersionPolicy;
import java.time.Duration;

/**
 * Everything {@code tfj serve} can set: where to listen, how the model directory is watched, how calls
 * are batched, the largest request body accepted, and what clients may hold of the server.
 */
public record ServerConfig(
    String host,
    int port,
    int grpcPort,
    Duration pollInterval,
    VersionPolicy versionPolicy,
    int maxBatchSize,
    Duration batchTimeout,
    long maxBodyBytes,
    ClientLimits clientLimits) {

  public static final String HOST_DEFAULT = "127.0.0.1";
  public static final int PORT_DEFAULT = 8501;
  /** TF Serving's gRPC port. */
  public static final int GRPC_PORT_DEFAULT = 8500;
  /** The gRPC port that means no gRPC server. */
  public static final int GRPC_OFF = -1;
  public static final long MAX_BODY_BYTES_DEFAULT = 32L * 1024 * 1024;

  /** How long a stopping server waits for requests in flight. */
  public static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(20);

  public ServerConfig {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be 0..65535, got " + port);
    }
    if (grpcPort < GRPC_OFF || grpcPort > 65_535) {
      throw new IllegalArgumentException("gRPC port must be 0..65535, or -1 for none, got " + grpcPort);
    }
    if (maxBodyBytes < 1) {
      throw new IllegalArgumentException("maxBodyBytes must be positive");
    }
    java.util.Objects.requireNonNull(clientLimits, "clientLimits");
    new BatchingConfig(maxBatchSize, batchTimeout); // validates
    new RegistryConfig(versionPolicy, pollInterval, BatchingConfig.defaults(), SessionThreads.serving());
  }

  /**
   * 127.0.0.1:8501 and gRPC on 8500, poll every 2 s, latest version, batches of up to 256 rows with no
   * wait, 32 MiB bodies and messages.
   */
  public static ServerConfig defaults() {
    return new ServerConfig(
        HOST_DEFAULT,
        PORT_DEFAULT,
        GRPC_PORT_DEFAULT,
        RegistryConfig.POLL_INTERVAL_DEFAULT,
        VersionPolicy.LATEST,
        BatchingConfig.MAX_BATCH_SIZE_DEFAULT,
        BatchingConfig.TIMEOUT_DEFAULT,
        MAX_BODY_BYTES_DEFAULT,
        ClientLimits.defaults());
  }

  /** A copy listening on another interface. */
  public ServerConfig withHost(String newHost) {
    return new ServerConfig(newHost, port, grpcPort, pollInterval, versionPolicy, maxBatchSize, batchTimeout, maxBodyBytes, clientLimits);
  }

  /** A copy listening on another port; 0 picks a free one. */
  public ServerConfig withPort(int newPort) {
    return new ServerConfig(host, newPort, grpcPort, pollInterval, versionPolicy, maxBatchSize, batchTimeout, maxBodyBytes, clientLimits);
  }

  /** A copy with gRPC on another port; 0 picks a free one, {@link #GRPC_OFF} turns gRPC off. */
  public ServerConfig withGrpcPort(int newGrpcPort) {
    return new ServerConfig(
        host, port, newGrpcPort, pollInterval, versionPolicy, maxBatchSize, batchTimeout, maxBodyBytes, clientLimits);
  }

  /** True when a gRPC server is wanted. */
  public boolean grpcEnabled() {
    return grpcPort != GRPC_OFF;
  }

  /** A copy polling the model directory at another interval; zero turns polling off. */
  public ServerConfig withPollInterval(Duration interval) {
    return new ServerConfig(host, port, grpcPort, interval, versionPolicy, maxBatchSize, batchTimeout, maxBodyBytes, clientLimits);
  }

  /** A copy serving other versions. */
  public ServerConfig withVersionPolicy(VersionPolicy policy) {
    return new ServerConfig(host, port, grpcPort, pollInterval, policy, maxBatchSize, batchTimeout, maxBodyBytes, clientLimits);
  }

  /** A copy batching differently; a batch size of 1 turns batching off. */
  public ServerConfig withBatching(int batchSize, Duration timeout) {
    return new ServerConfig(host, port, grpcPort, pollInterval, versionPolicy, batchSize, timeout, maxBodyBytes, clientLimits);
  }

  /** A copy accepting request bodies up to another size. */
  public ServerConfig withMaxBodyBytes(long bytes) {
    return new ServerConfig(host, port, grpcPort, pollInterval, versionPolicy, maxBatchSize, batchTimeout, bytes, clientLimits);
  }

  /** A copy with other idle timeout, request and connection limits. */
  public ServerConfig withClientLimits(ClientLimits limits) {
    return new ServerConfig(host, port, grpcPort, pollInterval, versionPolicy, maxBatchSize, batchTimeout, maxBodyBytes, limits);
  }

  /** The registry settings these imply, with default session threads. */
  public RegistryConfig registryConfig() {
    return new RegistryConfig(
        versionPolicy, pollInterval, new BatchingConfig(maxBatchSize, batchTimeout), SessionThreads.serving());
  }
}
