package dev.tfj.server.http;

import dev.tfj.server.registry.ModelRegistry;
import io.javalin.Javalin;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running server: the registry of a model directory behind the HTTP app, stopped gracefully by close. */
public final class ModelServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ModelServer.class);

  private final ModelRegistry registry;
  private final Javalin app;
  private final String host;
  private final java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);

  private ModelServer(ModelRegistry registry, Javalin app, String host) {
    this.registry = registry;
    this.app = app;
    this.host = host;
  }

  /** Opens the model directory, loads its models, and starts listening. */
  public static ModelServer start(Path modelDir, ServerConfig config) throws IOException {
    ModelRegistry registry = ModelRegistry.open(modelDir, config.registryConfig());
    try {
      Javalin app = ServerApp.create(registry, config).start(config.host(), config.port());
      ModelServer server = new ModelServer(registry, app, config.host());
      LOG.info("serving {} at {}", modelDir, server.url());
      return server;
    } catch (RuntimeException e) {
      registry.close();
      throw e;
    }
  }

  /** The port it listens on (useful after asking for port 0). */
  public int port() {
    return app.port();
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
    registry.close();
    stopped.countDown();
  }
}
