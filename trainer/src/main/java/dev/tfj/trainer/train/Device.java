package dev.tfj.trainer.train;

import java.util.Locale;

/** Where training runs. */
public enum Device {
  CPU,
  GPU;

  /** The lower-case name used on the command line and in metrics.json. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The lower-case name, as picocli lists and matches it and as error messages show it. */
  @Override
  public String toString() {
    return id();
  }
}
