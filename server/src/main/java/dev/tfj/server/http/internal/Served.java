package dev.tfj.server.http.internal;

import dev.tfj.server.protocol.ModelRequests;
import dev.tfj.server.registry.ModelRegistry;
import dev.tfj.server.registry.ServableHandle;
import io.javalin.http.Context;
import java.util.OptionalLong;

/**
 * Resolves the model and version a request's path names ({@code {name}} and an optional {@code {version}}
 * or {@code {label}}) and records them on the request for the metrics.
 */
public final class Served {

  /** Request attribute with the model name, set once the model is known to exist. */
  public static final String MODEL = "tfj.model";

  /** Request attribute with the version that answered. */
  public static final String VERSION = "tfj.version";

  private Served() {}

  /** The model name in the path. */
  public static String model(Context ctx) {
    return ctx.pathParam("name");
  }

  /** The version in the path, if any; one that is not an integer names no version, so 404. */
  public static OptionalLong version(Context ctx) {
    return ModelRequests.parseVersion(model(ctx), ctx.pathParamMap().get("version"));
  }

  /**
   * The version the path names by number or by a label of the model config, if any; an unknown label is
   * a {@link dev.tfj.server.registry.ModelNotFoundException}, so 404.
   */
  public static OptionalLong version(ModelRegistry registry, Context ctx) {
    String label = ctx.pathParamMap().get("label");
    return label != null ? ModelRequests.labelled(registry, model(ctx), label) : version(ctx);
  }

  /** Claims the version the path names (by number or label), or the latest; the caller closes the handle. */
  public static ServableHandle acquire(ModelRegistry registry, Context ctx) {
    ServableHandle handle = registry.acquire(model(ctx), version(registry, ctx));
    tag(ctx, handle.model(), handle.version());
    return handle;
  }

  /** Records the model and version on the request. */
  public static void tag(Context ctx, String model, long version) {
    ctx.attribute(MODEL, model);
    ctx.attribute(VERSION, Long.toString(version));
  }

  /** Records the model on the request. */
  public static void tag(Context ctx, String model) {
    ctx.attribute(MODEL, model);
  }
}
