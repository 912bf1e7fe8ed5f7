package dev.tfj.trainer.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The models tfj can build, by name. */
public final class Architectures {

  private static final Map<String, Architecture> ALL = new LinkedHashMap<>();

  static {
    for (Architecture a : List.of(new LeNet5(), new CustomMlp(), new RegularizedLeNet5())) {
      ALL.put(a.name(), a);
    }
  }

  private Architectures() {}

  /** The model registered under {@code name}. */
  public static Optional<Architecture> find(String name) {
    return Optional.ofNullable(ALL.get(name));
  }

  /** The model registered under {@code name}, or an IllegalArgumentException that lists the known ones. */
  public static Architecture require(String name) {
    return find(name)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown model '" + name + "': choose one of " + String.join(", ", names())));
  }

  /** Every model name, in the order the README lists them. */
  public static List<String> names() {
    return List.copyOf(ALL.keySet());
  }
}
