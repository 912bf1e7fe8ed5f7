package dev.tfj.server.http;

import dev.tfj.server.http.internal.Json;
import dev.tfj.server.metrics.ServerMetrics;
import dev.tfj.server.registry.ModelRegistry;
import dev.tfj.server.registry.VersionStatus;
import io.javalin.config.RoutesConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Routes of our own: every model and version with its state, and the Prometheus metrics. */
final class ModelsApi {

  /** Where Prometheus scrapes, as TF Serving's {@code --monitoring_config_file} default. */
  static final String METRICS_PATH = "/monitoring/prometheus/metrics";

  /** One model version in the listing. */
  record VersionJson(String version, String state, String errorCode, String errorMessage, String path) {}

  /** One model in the listing. */
  record ModelJson(String name, List<VersionJson> versions) {}

  private ModelsApi() {}

  static void register(RoutesConfig routes, ModelRegistry registry, ServerMetrics metrics) {
    routes.get("/api/models", ctx -> Json.respond(ctx, Map.of("models", list(registry))));
    routes.get(METRICS_PATH, ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
  }

  private static List<ModelJson> list(ModelRegistry registry) {
    Map<String, List<VersionJson>> byModel = new LinkedHashMap<>();
    for (VersionStatus s : registry.statuses()) {
      byModel.computeIfAbsent(s.model(), m -> new ArrayList<>())
          .add(new VersionJson(
              Long.toString(s.version()), s.state().name(), s.errorCode(), s.errorMessage(), s.dir().toString()));
    }
    return byModel.entrySet().stream().map(e -> new ModelJson(e.getKey(), e.getValue())).toList();
  }
}
