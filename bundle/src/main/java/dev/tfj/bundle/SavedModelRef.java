package dev.tfj.bundle;

import java.nio.file.Path;

/**
 * A SavedModel found on disk: the model's name (its model directory, or the SavedModel's own directory outside
 * TF Serving's layout), its version (0 outside the layout) and the directory holding {@code saved_model.pb},
 * as the user named it.
 */
public record SavedModelRef(String name, long version, Path dir) {

  /** {@code name/version}, or just the name for a SavedModel outside the layout. */
  public String label() {
    return version > 0 ? name + "/" + version : name;
  }
}
