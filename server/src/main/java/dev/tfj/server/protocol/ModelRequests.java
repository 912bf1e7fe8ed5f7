package dev.tfj.server.protocol;

import dev.tfj.bundle.ModelLayout;
import dev.tfj.server.registry.ModelNotFoundException;
import dev.tfj.server.registry.ModelRegistry;
import dev.tfj.server.registry.ServableHandle;
import java.util.OptionalLong;

/**
 * Which version a request names, the same way for every protocol: none (the highest serving), a number,
 * or a label from the model config. REST paths and gRPC model specs both resolve through here.
 */
public final class ModelRequests {

  private ModelRequests() {}

  /** A version given as text (a path segment, KServe's {@code model_version}); empty text names none. */
  public static OptionalLong parseVersion(String model, String text) {
    if (text == null || text.isEmpty()) {
      return OptionalLong.empty();
    }
    OptionalLong v = ModelLayout.parseVersion(text);
    if (v.isEmpty()) {
      throw new ModelNotFoundException(
          "Servable not found for request: Specific(" + model + ", " + text + "): versions are integers");
    }
    return v;
  }

  /** The version a label names; throws {@link ModelNotFoundException} for a label the config lacks. */
  public static OptionalLong labelled(ModelRegistry registry, String model, String label) {
    return label == null || label.isEmpty() ? OptionalLong.empty() : OptionalLong.of(registry.versionOf(model, label));
  }

  /** Claims the version named by number or by label (at most one is given), or the highest serving. */
  public static ServableHandle acquire(ModelRegistry registry, String model, OptionalLong version, String label) {
    if (model == null || model.isEmpty()) {
      throw new dev.tfj.inference.InvalidInputException("the request names no model");
    }
    return registry.acquire(model, version.isPresent() ? version : labelled(registry, model, label));
  }
}
