package dev.tfj.server.http;

import dev.tfj.inference.InvalidInputException;
import dev.tfj.serving.api.config.ModelServerConfig;
import dev.tfj.server.config.ModelConfigs;
import dev.tfj.server.grpc.GrpcServer;
import dev.tfj.server.registry.ModelRegistry;
import dev.tfj.server.registry.ServedModel;
import io.javalin.Javalin;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running server: the registry of a model directory, or of a model config, behind the HTTP app and the
 * gRPC server, stopped gracefully by close.
 */
public final class ModelServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ModelServer.class);

  private final ModelRegistry registry;
  private final Javalin app;
  private final GrpcServer grpc;
  private final String host;
  private final Path configFile;
  private final ScheduledExecutorService configPoller;
  private final java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);

  private ModelServer(ModelRegistry registry, Javalin app, GrpcServer grpc, String host, Path configFile) {
    this.registry = registry;
    this.app = app;
    this.grpc = grpc;
    this.host = host;
    this.configFile = configFile;
    this.configPoller = configFile == null ? null : Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "tfj-model-config");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Opens the model directory and starts listening over HTTP and, if wanted, gRPC while its models load;
   * returns once they are loaded.
   */
  public static ModelServer start(Path modelDir, ServerConfig config) throws IOException {
    ModelRegistry registry = ModelRegistry.create(modelDir, config.registryConfig());
    return start(registry, modelDir.toString(), null, config, newConfig -> {
      throw new InvalidInputException("this server serves a model directory, not a model config");
    });
  }

  /**
   * Serves the given models, each from its own base path (one model is what {@code --model-name} and
   * {@code --model-base-path} give). A gRPC {@code HandleReloadConfigRequest} replaces them; relative base
   * paths in it are taken from the working directory.
   */
  public static ModelServer start(List<ServedModel> models, ServerConfig config) throws IOException {
    ModelRegistry registry = ModelRegistry.create(models, config.registryConfig());
    return start(registry, "the configured models", null, config,
        newConfig -> registry.configure(ModelConfigs.of(newConfig, null)));
  }

  /**
   * Serves the models of a model config file (TF Serving's text format), re-reading it every
   * {@code pollWait} ({@link Duration#ZERO}: never). A file that turns bad is logged and the models keep
   * serving as before. A gRPC {@code HandleReloadConfigRequest} applies its config until the next re-read.
   * Throws {@link dev.tfj.server.config.InvalidModelConfigException} for a bad file.
   */
  public static ModelServer startWithConfigFile(Path file, Duration pollWait, ServerConfig config) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    ModelRegistry registry = ModelRegistry.create(ModelConfigs.read(file), config.registryConfig());
    ModelServer server = start(registry, file.toString(), file, config,
        newConfig -> registry.configure(ModelConfigs.of(newConfig, dir)));
    if (!pollWait.isZero()) {
      long ms = pollWait.toMillis();
      server.configPoller.scheduleWithFixedDelay(server::reloadConfigFileQuietly, ms, ms, TimeUnit.MILLISECONDS);
    }
    return server;
  }

  private static ModelServer start(
      ModelRegistry registry, String what, Path configFile, ServerConfig config, Consumer<ModelServerConfig> reload)
      throws IOException {
    // Models load (TensorFlow's native library first) while the ports open: status and readiness
    // endpoints answer LOADING meanwhile, and the JVM's class loading for HTTP overlaps the native work.
    CompletableFuture<Void> loading = CompletableFuture.runAsync(registry::start, runnable -> {
      Thread t = new Thread(runnable, "tfj-first-load");
      t.setDaemon(true);
      t.start();
    });
    GrpcServer grpc = null;
    Javalin app = null;
    try {
      if (config.grpcEnabled()) {
        grpc = GrpcServer.start(registry, config.host(), config.grpcPort(), config.maxBodyBytes(), reload,
            ServerConfig.SHUTDOWN_GRACE);
      }
      app = ServerApp.create(registry, config).start(config.host(), config.port());
      ModelServer server = new ModelServer(registry, app, grpc, config.host(), configFile);
      LOG.info("serving {} at {}", what, server.url());
      loading.join();
      return server;
    } catch (IOException | RuntimeException e) {
      if (app != null) {
        app.stop();
      }
      if (grpc != null) {
        grpc.close();
      }
      loading.exceptionally(x -> null).join();
      registry.close();
      if (e instanceof CompletionException && e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
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

  /**
   * Reads the model config file again and applies it; returns when its versions are loaded. Throws for a
   * bad file, leaving the models as they were; only for a server started with a config file.
   */
  public void reloadConfigFile() throws IOException {
    if (configFile == null) {
      throw new IllegalStateException("this server was not started with a model config file");
    }
    registry.configure(ModelConfigs.read(configFile));
  }

  private void reloadConfigFileQuietly() {
    try {
      reloadConfigFile();
    } catch (IOException | RuntimeException e) {
      LOG.warn("model config file {} not applied, serving as before: {}", configFile, e.getMessage());
    }
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
    if (configPoller != null) {
      configPoller.shutdownNow();
    }
    app.stop();
    if (grpc != null) {
      grpc.close();
    }
    registry.close();
    stopped.countDown();
  }
}
