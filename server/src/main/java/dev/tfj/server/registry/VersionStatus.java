package dev.tfj.server.registry;

import java.nio.file.Path;

/**
 * The state of one model version; {@code errorCode} is {@code OK} or a TensorFlow status code name such
 * as {@code NOT_FOUND}, and {@code errorMessage} says why a load failed.
 */
public record VersionStatus(
    String model, long version, ModelState state, String errorCode, String errorMessage, Path dir) {

  /** True when the version serves requests. */
  public boolean available() {
    return state == ModelState.AVAILABLE;
  }
}
