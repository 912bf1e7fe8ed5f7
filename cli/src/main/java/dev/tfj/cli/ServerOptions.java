package dev.tfj.cli;

import dev.tfj.server.http.ClientLimits;
import dev.tfj.server.http.ServerConfig;
import dev.tfj.server.registry.VersionPolicy;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Where {@code tfj serve} listens, which versions it serves and how it batches; defaults are the server's own. */
public final class ServerOptions {

  private static final ServerConfig DEFAULTS = ServerConfig.defaults();

  @Option(names = "--host", description = "Interface to listen on; 0.0.0.0 for all (default: ${DEFAULT-VALUE}).")
  String host = DEFAULTS.host();

  @Option(names = "--port", description = "Port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port = DEFAULTS.port();

  @Option(names = "--grpc-port", paramLabel = "PORT",
      description = "gRPC port (TF Serving's PredictionService and ModelService, KServe v2's GRPCInferenceService);"
          + " 0 picks a free one, -1 turns gRPC off (default: ${DEFAULT-VALUE}).")
  int grpcPort = DEFAULTS.grpcPort();

  @Option(names = "--version-policy", paramLabel = "POLICY",
      description = "Versions to serve: latest or all (default: ${DEFAULT-VALUE}).")
  VersionPolicy versionPolicy = DEFAULTS.versionPolicy();

  @Option(names = "--poll-interval", paramLabel = "SECONDS",
      description = "Seconds between scans for new versions; 0 never rescans (default: ${DEFAULT-VALUE}).")
  double pollSeconds = DEFAULTS.pollInterval().toMillis() / 1e3;

  @Option(names = "--max-batch-size", paramLabel = "N",
      description = "Most rows merged into one session run; 1 turns batching off (default: ${DEFAULT-VALUE}).")
  int maxBatchSize = DEFAULTS.maxBatchSize();

  @Option(names = "--batch-timeout", paramLabel = "MS",
      description = "Longest a batch waits for more requests once none are queued, in ms; 0 runs what queued"
          + " while the previous batch ran (default: ${DEFAULT-VALUE}).")
  double batchTimeoutMs = DEFAULTS.batchTimeout().toNanos() / 1e6;

  @Option(names = "--idle-timeout", paramLabel = "SECONDS",
      description = "Seconds a connection may send nothing, mid-request or between requests, before it is closed"
          + " (default: ${DEFAULT-VALUE}).")
  double idleTimeoutSeconds = DEFAULTS.clientLimits().idleTimeout().toMillis() / 1e3;

  @Option(names = "--max-requests", paramLabel = "N",
      description = "Requests in flight (body received, not yet answered) beyond which more are answered 503;"
          + " 0: no limit (default: ${DEFAULT-VALUE}).")
  int maxRequests = DEFAULTS.clientLimits().maxRequests();

  @Option(names = "--max-requests-per-client", paramLabel = "N",
      description = "Requests in flight from one client address beyond which more are answered 429; 0: no limit"
          + " (default: ${DEFAULT-VALUE}).")
  int maxRequestsPerClient = DEFAULTS.clientLimits().maxRequestsPerClient();

  @Option(names = "--max-connections", paramLabel = "N",
      description = "Connections open at once beyond which a new one is answered 503 (JSON error, Retry-After)"
          + " and closed; 0: no limit (default: ${DEFAULT-VALUE}).")
  int maxConnections = DEFAULTS.clientLimits().maxConnections();

  /** The server settings these options give; a usage error for negative durations. */
  ServerConfig config() {
    if (grpcPort < ServerConfig.GRPC_OFF || grpcPort > 65_535) {
      throw UserError.usage("--grpc-port must be 0..65535, or -1 to turn gRPC off; got " + grpcPort);
    }
    if (pollSeconds < 0 || batchTimeoutMs < 0) {
      throw UserError.usage("--poll-interval and --batch-timeout must not be negative");
    }
    if (idleTimeoutSeconds <= 0 || maxRequests < 0 || maxRequestsPerClient < 0 || maxConnections < 0) {
      throw UserError.usage("--idle-timeout must be positive; --max-requests, --max-requests-per-client and"
          + " --max-connections must not be negative");
    }
    ClientLimits limits = new ClientLimits(
        Duration.ofMillis(Math.round(idleTimeoutSeconds * 1000)), maxRequests, maxRequestsPerClient, maxConnections);
    return DEFAULTS
        .withHost(host)
        .withPort(port)
        .withGrpcPort(grpcPort)
        .withVersionPolicy(versionPolicy)
        .withPollInterval(Duration.ofMillis(Math.round(pollSeconds * 1000)))
        .withBatching(maxBatchSize, Duration.ofNanos(Math.round(batchTimeoutMs * 1_000_000)))
        .withClientLimits(limits);
  }

  /** {@code host:grpcPort} as given, for messages. */
  String grpcAddress() {
    return host + ":" + grpcPort;
  }

  /** {@code host:port} as given, for messages. */
  String address() {
    return host + ":" + port;
  }
}
