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
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import java.util.Objects;
import org.eclipse.jetty.server.handler.StatisticsHandler;

/**
 * Builds the HTTP server, not started: TF Serving's REST API under {@code /v1}, the Open Inference
 * Protocol under {@code /v2}, the image endpoint, model listing and bundle files under {@code /api},
 * Prometheus metrics, and the dashboard at {@code /}. Stopping it lets requests in flight finish, for up
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
    Javalin app =
        Javalin.create(c -> {
          c.showJavalinBanner = false;
          c.http.maxRequestSize = config.maxBodyBytes();
          c.http.disableCompression();
          c.jetty.defaultHost = config.host();
          c.jetty.defaultPort = config.port();
          c.jetty.multipartConfig.maxFileSize(config.maxBodyBytes(), SizeUnit.BYTES);
          c.jetty.multipartConfig.maxTotalRequestSize(config.maxBodyBytes(), SizeUnit.BYTES);
          c.jetty.modifyServer(server -> {
            server.setStopTimeout(ServerConfig.SHUTDOWN_GRACE.toMillis());
            server.setHandler(new StatisticsHandler()); // lets Jetty wait for requests in flight on stop
          });
          c.requestLogger.http((ctx, ms) -> record(metrics, ctx, ms));
        });
    ErrorMapper.register(app);
    TfServingApi.register(app, registry, config.maxBodyBytes());
    KServeApi.register(app, registry, config.maxBodyBytes());
    ImageApi.register(app, registry, config.maxBodyBytes());
    ModelsApi.register(app, registry, metrics);
    BundleFilesApi.register(app, registry);
    DashboardApi.register(app);
    return app;
  }

  private static void record(ServerMetrics metrics, Context ctx, float ms) {
    String endpoint;
    try {
      endpoint = ctx.endpointHandlerPath();
    } catch (RuntimeException e) {
      endpoint = "unmatched";
    }
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
