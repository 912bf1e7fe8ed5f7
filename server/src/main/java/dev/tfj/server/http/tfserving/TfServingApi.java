package dev.tfj.server.http.tfserving;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tfj.server.http.internal.BodyReader;
import dev.tfj.server.http.internal.Json;
import dev.tfj.server.http.internal.LosslessNumbers;
import dev.tfj.server.http.internal.Served;
import dev.tfj.inference.InvalidInputException;
import dev.tfj.inference.PredictResult;
import dev.tfj.inference.Predictor;
import dev.tfj.server.registry.ModelRegistry;
import dev.tfj.server.registry.ServableHandle;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.OptionalLong;

/**
 * TF Serving's REST API, wire-compatible with {@code tensorflow_model_server --rest_api_port}: model status,
 * model metadata and predict, each for the latest version, {@code /versions/{version}} or a label of the
 * model config, {@code /labels/{label}}.
 */
public final class TfServingApi {

  private final ModelRegistry registry;
  private final long maxBodyBytes;

  private TfServingApi(ModelRegistry registry, long maxBodyBytes) {
    this.registry = registry;
    this.maxBodyBytes = maxBodyBytes;
  }

  /** Adds the routes under {@code /v1/models}. */
  public static void register(RoutesConfig routes, ModelRegistry registry, long maxBodyBytes) {
    TfServingApi api = new TfServingApi(registry, maxBodyBytes);
    routes.get("/v1/models/{name}", api::status);
    routes.get("/v1/models/{name}/versions/{version}", api::status);
    routes.get("/v1/models/{name}/metadata", api::metadata);
    routes.get("/v1/models/{name}/versions/{version}/metadata", api::metadata);
    routes.post("/v1/models/{name}:predict", api::predict);
    routes.post("/v1/models/{name}/versions/{version}:predict", api::predict);
    routes.get("/v1/models/{name}/labels/{label}", api::status);
    routes.get("/v1/models/{name}/labels/{label}/metadata", api::metadata);
    routes.post("/v1/models/{name}/labels/{label}:predict", api::predict);
    for (String verb : List.of("classify", "regress")) {
      routes.post("/v1/models/{name}:" + verb, ctx -> api.unsupported(ctx, verb));
      routes.post("/v1/models/{name}/versions/{version}:" + verb, ctx -> api.unsupported(ctx, verb));
      routes.post("/v1/models/{name}/labels/{label}:" + verb, ctx -> api.unsupported(ctx, verb));
    }
  }

  private void status(Context ctx) {
    String model = Served.model(ctx);
    OptionalLong version = Served.version(registry, ctx);
    var statuses = version.isPresent()
        ? List.of(registry.status(model, version.getAsLong()))
        : registry.statuses(model);
    Served.tag(ctx, model);
    Json.respond(ctx, StatusJson.of(statuses));
  }

  private void metadata(Context ctx) {
    try (ServableHandle handle = Served.acquire(registry, ctx)) {
      Json.respond(
          ctx, MetadataJson.of(handle.model(), handle.version(), handle.predictor().model().signatures()));
    }
  }

  /** One servable claimed, one signature looked up, the body read once into its dtypes, one call. */
  private void predict(Context ctx) {
    byte[] bytes = BodyReader.read(ctx, maxBodyBytes);
    PredictBody request;
    PredictResult result;
    try (ServableHandle handle = Served.acquire(registry, ctx)) {
      Predictor predictor = handle.predictor();
      request = PredictBody.read(bytes, predictor::signature);
      result = predictor.predict(request.signature(), request.inputs());
    }
    Json.respond(ctx, g -> PredictResponse.write(g, request.columnar(), result.outputs()));
  }

  /**
   * The body is parsed first, and its examples' numbers checked, so a malformed one gets the error it
   * would get from TF Serving.
   */
  private void unsupported(Context ctx, String verb) {
    JsonNode body = Json.parse(BodyReader.read(ctx, maxBodyBytes));
    JsonNode context = body.get("context");
    if (context != null && context.isObject()) {
      checkFeatures(context);
    }
    JsonNode examples = body.get("examples");
    if (examples != null && examples.isArray()) {
      for (JsonNode example : examples) {
        if (example.isObject()) {
          checkFeatures(example);
        }
      }
    }
    throw new InvalidInputException(":" + verb + " is not supported by this server; use :predict");
  }

  /** As TF Serving fills an Example's float list: a feature value held as a double must fit a float. */
  private static void checkFeatures(JsonNode example) {
    for (JsonNode feature : example) {
      for (JsonNode value : feature.isArray() ? feature : List.of(feature)) {
        boolean heldAsDouble = value.isNumber() && !LosslessNumbers.heldAsInteger(value);
        if (heldAsDouble && !LosslessNumbers.fitsFloat(value.doubleValue())) {
          throw new InvalidInputException(LosslessNumbers.error(value, "float"));
        }
      }
    }
  }
}
