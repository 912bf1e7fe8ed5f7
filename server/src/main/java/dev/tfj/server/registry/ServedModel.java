package dev.tfj.server.registry;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * One model of a model config: its name, the directory holding its versions ({@code <basePath>/<version>/}),
 * which versions are served, and the labels that name versions.
 */
public record ServedModel(String name, Path basePath, VersionSelection versions, Map<String, Long> labels) {

  public ServedModel {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(basePath, "basePath");
    Objects.requireNonNull(versions, "versions");
    labels = Map.copyOf(labels);
  }

  /** A model serving its latest version, with no labels. */
  public static ServedModel latest(String name, Path basePath) {
    return new ServedModel(name, basePath, new VersionSelection.Latest(1), Map.of());
  }
}
