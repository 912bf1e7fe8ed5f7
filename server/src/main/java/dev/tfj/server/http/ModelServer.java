package dev.tfj.server.http;

import dev.tfj.inference.InvalidInputException;
import dev.tfj.server.grpc.GrpcServer;
import dev.tfj.server.registry.ModelRegistry;
import io.javalin.Javalin;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running server: the registry of a model directory behind the HTTP app and the gRPC server, stopped
 * gracefully by close.
 */
public final class ModelServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ModelServer.class);

  private final ModelRegistry registry;
  private final Javalin app;
  private final GrpcServer grpc;
  private final String host;
  private final java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);

  private ModelServer(ModelRegistry registry, Javalin app, GrpcServer grpc, String host) {
    this.registry = registry;
    this.app = app;
    this.grpc = grpc;
    this.host = host;
  }

  /** Opens the model directory, loads its models, and starts listening over HTTP and, if wanted, gRPC. */
  public static ModelServer start(Path modelDir, ServerConfig config) throws IOException {
    ModelRegistry registry = ModelRegistry.open(modelDir, config.registryConfig());
    GrpcServer grpc = null;
    try {
      if (config.grpcEnabled()) {
        grpc = GrpcServer.start(registry, config.host(), config.grpcPort(), config.maxBodyBytes(),
            newConfig -> {
              throw new InvalidInputException("this server serves a model directory, not a model config");
            },
            ServerConfig.SHUTDOWN_GRACE);
      }
      Javalin app = ServerApp.create(registry, config).start(config.host(), config.port());
      ModelServer server = new ModelServer(registry, app, grpc, config.host());
      LOG.info("serving {} at {}", modelDir, server.url());
      return server;
    } catch (IOException | RuntimeException e) {
      if (grpc != null) {
        grpc.close();
      }
      registry.close();
      throw e;
    }
  }

  /** The port it listens on (useful after asking for port 0). */
  public int port() {
    return app.port();
  }

  /** The gRPC port, or {@link ServerConfig#GRPC_OFF} when gRPC is off. */
  public int grpcPort() {
    return grpc == null ? ServerConfig.GRPC_OFF : grpc.port();
  }

  /** {@code http://host:port}. */
  public String url() {
    return "http://" + host + ":" + port();
  }

  /** The registry behind it. */
  public ModelRegistry registry() {
    return registry;
  }

  /** Blocks until {@link #close()} has stopped the server, e.g. from a shutdown hook. */
  public void awaitStop() throws InterruptedException {
    stopped.await();
  }

  /** Stops accepting requests, lets those in flight finish, then unloads every model. */
  @Override
  public synchronized void close() {
    if (stopped.getCount() == 0) {
      return;
    }
    app.stop();
    if (grpc != null) {
      grpc.close();
    }
    registry.close();
    stopped.countDown();
  }
}
