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
}
