package dev.tfj.server.http.kserve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tfj.server.http.internal.BodyReader;
import dev.tfj.server.http.internal.Json;
import dev.tfj.server.http.internal.Served;
import dev.tfj.inference.PredictResult;
import dev.tfj.inference.Predictor;
import dev.tfj.inference.SignatureSpec;
import dev.tfj.server.protocol.KServeTensors;
import dev.tfj.server.protocol.Readiness;
import dev.tfj.server.registry.ModelRegistry;
import dev.tfj.server.registry.ServableHandle;
import dev.tfj.server.registry.VersionStatus;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;

/**
 * The KServe v2 / Open Inference Protocol REST API: server and model health, server and model metadata,
 * and inference, each model route also under {@code /versions/{version}}.
 */
public final class KServeApi {

  private static final String VERSION =
      java.util.Objects.requireNonNullElse(KServeApi.class.getPackage().getImplementationVersion(), "dev");

  private final ModelRegistry registry;
  private final long maxBodyBytes;

  private KServeApi(ModelRegistry registry, long maxBodyBytes) {
    this.registry = registry;
    this.maxBodyBytes = maxBodyBytes;
  }

  /** Adds the routes under {@code /v2}. */
  public static void register(RoutesConfig routes, ModelRegistry registry, long maxBodyBytes) {
    KServeApi api = new KServeApi(registry, maxBodyBytes);
    routes.get("/v2", ctx -> Json.respond(ctx, new HealthJson.ServerMetadata("tfj", VERSION, KServeTensors.EXTENSIONS)));
    routes.get("/v2/health/live", ctx -> Json.respond(ctx, new HealthJson.Live(true)));
    routes.get("/v2/health/ready", api::serverReady);
    for (String base : List.of("/v2/models/{name}", "/v2/models/{name}/versions/{version}")) {
      routes.get(base, api::metadata);
      routes.get(base + "/ready", api::modelReady);
      routes.post(base + "/infer", api::infer);
    }
  }

  /** Ready when every model found has a version serving; 503 otherwise. */
  private void serverReady(Context ctx) {
    boolean ready = Readiness.server(registry);
    ctx.status(ready ? 200 : 503);
    Json.respond(ctx, new HealthJson.Ready(ready));
  }

  private void modelReady(Context ctx) {
    String model = Served.model(ctx);
    boolean ready = Readiness.model(registry, model, Served.version(ctx));
    Served.tag(ctx, model);
    ctx.status(ready ? 200 : 503);
    Json.respond(ctx, new HealthJson.ModelReady(model, ready));
  }

  private void metadata(Context ctx) {
    try (ServableHandle handle = Served.acquire(registry, ctx)) {
      List<String> versions = registry.statuses(handle.model()).stream()
          .filter(VersionStatus::available)
          .map(s -> Long.toString(s.version()))
          .toList();
      Json.respond(ctx, ModelMetadataJson.of(handle.model(), versions, handle.predictor().signature(null)));
    }
  }

  /** One servable claimed, one signature looked up, the body parsed once into its dtypes, one call. */
  private void infer(Context ctx) {
    JsonNode body = Json.parse(BodyReader.read(ctx, maxBodyBytes));
    String signatureName = InferBody.signatureName(body);
    InferResponse response;
    try (ServableHandle handle = Served.acquire(registry, ctx)) {
      Predictor predictor = handle.predictor();
      SignatureSpec sig = predictor.signature(signatureName);
      InferBody request = InferBody.parse(body, sig);
      PredictResult result = predictor.predict(sig, request.inputs());
      response = InferResponse.of(handle.model(), handle.version(), request.id(), request.outputs(), result.outputs());
    }
    Json.respond(ctx, response);
  }
}
