package dev.tfj.server.protocol;

import dev.tfj.server.registry.ModelNotFoundException;
import dev.tfj.server.registry.ModelRegistry;
import dev.tfj.server.registry.VersionStatus;
import java.util.List;
import java.util.OptionalLong;

/** The Open Inference Protocol's health answers, for REST and gRPC alike. */
public final class Readiness {

  private Readiness() {}

  /** True when the first load is done and every model found has a version serving. */
  public static boolean server(ModelRegistry registry) {
    if (!registry.started()) {
      return false;
    }
    List<VersionStatus> all = registry.statuses();
    return registry.models().stream()
        .allMatch(m -> all.stream().anyMatch(s -> s.model().equals(m) && s.available()));
  }

  /**
   * True when the model (or the given version of it) is serving; throws {@link ModelNotFoundException}
   * for an unknown model or a version the registry has never seen.
   */
  public static boolean model(ModelRegistry registry, String model, OptionalLong version) {
    List<VersionStatus> statuses = registry.statuses(model);
    if (version.isPresent() && statuses.stream().noneMatch(s -> s.version() == version.getAsLong())) {
      throw new ModelNotFoundException("Could not find version " + version.getAsLong() + " of model " + model);
    }
    return statuses.stream()
        .anyMatch(s -> s.available() && (version.isEmpty() || s.version() == version.getAsLong()));
  }
}
