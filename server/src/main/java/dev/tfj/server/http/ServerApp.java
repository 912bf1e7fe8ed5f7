package dev.tfj.server.http;

import dev.tfj.server.http.dashboard.BundleFilesApi;
import dev.tfj.server.http.dashboard.DashboardApi;
import dev.tfj.server.http.image.ImageApi;
import dev.tfj.server.http.internal.Served;
import dev.tfj.server.http.kserve.KServeApi;
import dev.tfj.server.http.tfserving.TfServingApi;
import dev.tfj.server.metrics.ServerMetrics;
import dev.tfj.server.registry.ModelRegistry;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.config.JavalinConfig;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import java.util.Objects;
import dev.tfj.server.http.internal.Admission;
import dev.tfj.server.http.internal.ConnectionLimit;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * Builds the HTTP server, not started: TF Serving's REST API under {@code /v1}, the Open Inference
 * Protocol under {@code /v2}, the image endpoint, model listing and bundle files under {@code /api},
 * Prometheus metrics, and the dashboard at {@code /}. Requests reach a thread only once their body has
 * arrived, within the {@link ClientLimits}. Stopping it lets requests in flight finish, for up
 * to {@link ServerConfig#SHUTDOWN_GRACE}.
 */
public final class ServerApp {

  private ServerApp() {}

  /** The app with its own metrics. */
  public static Javalin create(ModelRegistry registry, ServerConfig config) {
    return create(registry, config, new ServerMetrics(registry));
  }

  /** The app recording into the given metrics. */
  public static Javalin create(ModelRegistry registry, ServerConfig config, ServerMetrics metrics) {
    return Javalin.create(c -> configure(c, registry, config, metrics));
  }

  /**
   * Puts the server into a Javalin configuration: settings, the exception mapping and every route. Javalin
   * takes routes only while it is being created, so callers that add their own do so here too.
   */
  public static void configure(JavalinConfig c, ModelRegistry registry, ServerConfig config, ServerMetrics metrics) {
    c.startup.showJavalinBanner = false;
    c.startup.startupWatcherEnabled = false; // an app built and not started is how tests use it
    c.http.maxRequestSize = config.maxBodyBytes();
    c.http.compressionStrategy = CompressionStrategy.NONE;
    c.jetty.host = config.host();
    c.jetty.port = config.port();
    c.jetty.multipartConfig.maxFileSize(config.maxBodyBytes(), SizeUnit.BYTES);
    c.jetty.multipartConfig.maxTotalRequestSize(config.maxBodyBytes(), SizeUnit.BYTES);
    ClientLimits limits = config.clientLimits();
    c.jetty.modifyServer(server -> {
      server.setStopTimeout(ServerConfig.SHUTDOWN_GRACE.toMillis());
      server.insertHandler(new GracefulHandler()); // on stop, Jetty waits for the requests it counts
      // outermost: no thread is taken, and nothing counted, until a request's body has arrived
      server.insertHandler(new Admission(config.maxBodyBytes(), limits.maxRequests(), limits.maxRequestsPerClient()));
      // beyond it a connection is accepted, answered 503 and closed (not left in the listen backlog)
      ConnectionLimit connectionLimit = limits.maxConnections() > 0 ? new ConnectionLimit(limits.maxConnections()) : null;
      server.addEventListener(new LifeCycle.Listener() {
        @Override
        public void lifeCycleStarting(LifeCycle event) {
          for (Connector connector : server.getConnectors()) {
            if (connector instanceof AbstractConnector a) {
              a.setIdleTimeout(limits.idleTimeout().toMillis());
              if (connectionLimit != null) {
                connectionLimit.install(a);
              }
            }
          }
        }
      });
    });
    c.requestLogger.http((ctx, ms) -> record(metrics, ctx, ms));
    ErrorMapper.register(c.routes);
    TfServingApi.register(c.routes, registry, config.maxBodyBytes());
    KServeApi.register(c.routes, registry, config.maxBodyBytes());
    ImageApi.register(c.routes, registry, config.maxBodyBytes());
    ModelsApi.register(c.routes, registry, metrics);
    BundleFilesApi.register(c.routes, registry);
    DashboardApi.register(c.routes);
  }

  private static void record(ServerMetrics metrics, Context ctx, float ms) {
    Endpoint matched = ctx.endpoints().lastHttpEndpoint();
    String endpoint = matched == null ? "unmatched" : matched.path;
    if (ModelsApi.METRICS_PATH.equals(endpoint)) {
      return;
    }
    metrics.recordRequest(
        endpoint,
        Objects.requireNonNullElse(ctx.attribute(Served.MODEL), ""),
        Objects.requireNonNullElse(ctx.attribute(Served.VERSION), ""),
        ctx.statusCode(),
        (long) (ms * 1_000_000));
  }
}
