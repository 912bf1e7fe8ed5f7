package dev.tfj.server.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The process' resident set size from {@code /proc/self/status}; NaN where there is no such file. */
public final class ResidentMemory {

  private static final Path STATUS = Path.of("/proc/self/status");

  private ResidentMemory() {}

  /** Resident bytes, or NaN. */
  public static double bytes() {
    try {
      for (String line : Files.readAllLines(STATUS)) {
        if (line.startsWith("VmRSS:")) {
          String kb = line.substring("VmRSS:".length()).replace("kB", "").trim();
          return Long.parseLong(kb) * 1024.0;
        }
      }
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
    return Double.NaN;
  }
}
