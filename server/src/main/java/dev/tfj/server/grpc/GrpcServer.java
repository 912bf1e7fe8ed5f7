package dev.tfj.server.grpc;

import dev.tfj.serving.api.config.ModelServerConfig;
import dev.tfj.server.registry.ModelRegistry;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gRPC server: TF Serving's PredictionService and ModelService and the Open Inference Protocol's
 * GRPCInferenceService on one port, over the same registry (and so the same batchers) as the HTTP server.
 */
public final class GrpcServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(GrpcServer.class);

  private final Server server;
  private final Duration grace;

  private GrpcServer(Server server, Duration grace) {
    this.server = server;
    this.grace = grace;
  }

  /**
   * Starts listening on {@code host:port} (0 picks a free port). Messages are limited to
   * {@code maxMessageBytes}, as HTTP bodies are; {@code reload} applies a model config sent by
   * HandleReloadConfigRequest; {@code grace} is how long close waits for calls in flight.
   */
  public static GrpcServer start(
      ModelRegistry registry, String host, int port, long maxMessageBytes, Consumer<ModelServerConfig> reload,
      Duration grace) throws IOException {
    Server server = NettyServerBuilder.forAddress(new InetSocketAddress(host, port))
        .maxInboundMessageSize((int) Math.min(Integer.MAX_VALUE, maxMessageBytes))
        .addService(new TfServingPredictionService(registry))
        .addService(new TfServingModelService(registry, reload))
        .addService(new KServeInferenceService(registry))
        .build()
        .start();
    LOG.info("gRPC listening on {}:{}", host, server.getPort());
    return new GrpcServer(server, grace);
  }

  /** The port it listens on. */
  public int port() {
    return server.getPort();
  }

  /** Stops taking calls, lets those in flight finish for up to the grace period, then cuts the rest. */
  @Override
  public void close() {
    server.shutdown();
    try {
      if (!server.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        server.shutdownNow();
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
