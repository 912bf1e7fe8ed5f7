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
 * and inference (JSON, or with the binary tensor data extension), each model route also under
 * {@code /versions/{version}}.
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
    byte[] bytes = BodyReader.read(ctx, maxBodyBytes);
    String headerLength = ctx.header(BinaryData.HEADER);
    BinaryData binary = headerLength == null ? BinaryData.none(bytes) : BinaryData.split(bytes, headerLength);
    JsonNode body = Json.parse(binary.json());
    String signatureName = InferBody.signatureName(body);
    InferResponse response;
    try (ServableHandle handle = Served.acquire(registry, ctx)) {
      Predictor predictor = handle.predictor();
      SignatureSpec sig = predictor.signature(signatureName);
      InferBody request = InferBody.parse(body, sig, binary);
      PredictResult result = predictor.predict(sig, request.inputs());
      response = InferResponse.of(handle.model(), handle.version(), request.id(), request.outputs(),
          request.binaryOutputs(), result.outputs());
    }
    if (response.binary().isEmpty()) {
      Json.respond(ctx, response);
      return;
    }
    respondBinary(ctx, response);
  }

  /** The JSON header, then each binary output's bytes; the header's length in {@code Inference-Header-Content-Length}. */
  private static void respondBinary(Context ctx, InferResponse response) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    byte[] json;
    try {
      json = Json.MAPPER.writeValueAsBytes(response);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
    out.writeBytes(json);
    response.binary().forEach(b -> out.writeBytes(b.toByteArray()));
    ctx.header(BinaryData.HEADER, Integer.toString(json.length));
    ctx.contentType("application/octet-stream").result(out.toByteArray());
  }
}
