package dev.tfj.server.registry;

import java.util.Locale;

/** Which versions of a model are served, as TF Serving's {@code model_version_policy}. */
public enum VersionPolicy {
  /** Only the highest version that loads. */
  LATEST,
  /** Every version present. */
  ALL;

  /** Parses {@code latest} or {@code all}, in any case. */
  public static VersionPolicy parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("version policy must be 'latest' or 'all', got '" + text + "'", e);
    }
  }
}
