package dev.tfj.trainer.data;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Mirror lists: a mirror is a directory URL ({@code http}, {@code https} or {@code file}) or a local directory path
 * that holds a data set's files under their usual names. {@code --mirror} values replace the defaults, then the
 * {@value #ENV} environment variable, then the data set's own list.
 */
public final class Mirrors {

  /** Environment variable holding a comma-separated mirror list. */
  public static final String ENV = "TFJ_DATA_MIRROR";

  private static final Set<String> SCHEMES = Set.of("http", "https", "file");

  private Mirrors() {}

  /**
   * The mirrors to use: those given with {@code --mirror} (each may be a comma-separated list) if any, else those in
   * the environment value if it is set and not blank, else {@code spec}'s defaults.
   */
  public static List<URI> choose(List<String> flagValues, String envValue, DatasetSpec spec) {
    List<URI> fromFlags = new ArrayList<>();
    for (String value : flagValues == null ? List.<String>of() : flagValues) {
      fromFlags.addAll(parse(value));
    }
    if (!fromFlags.isEmpty()) {
      return List.copyOf(fromFlags);
    }
    if (envValue != null && !envValue.isBlank()) {
      return parse(envValue);
    }
    return spec.mirrors();
  }

  /** Parses a comma-separated list of mirror URLs or local directory paths; blank items are skipped. */
  public static List<URI> parse(String list) {
    List<URI> mirrors = new ArrayList<>();
    for (String item : list.split(",")) {
      String trimmed = item.strip();
      if (!trimmed.isEmpty()) {
        mirrors.add(parseOne(trimmed));
      }
    }
    return List.copyOf(mirrors);
  }

  /** The URI of {@code fileName} inside the mirror directory; a mirror without a trailing slash works too. */
  public static URI resolve(URI mirror, String fileName) {
    return asDirectory(mirror).resolve(fileName);
  }

  /** The mirror with a trailing slash, so that resolving a file name appends rather than replaces. */
  public static URI asDirectory(URI mirror) {
    if (mirror.getRawQuery() != null || mirror.getRawFragment() != null) {
      throw new DatasetException("mirror " + mirror + " must be a directory URL without a query or fragment");
    }
    String text = mirror.toString();
    return text.endsWith("/") ? mirror : URI.create(text + "/");
  }

  private static URI parseOne(String item) {
    if (!item.contains("://") && !item.toLowerCase(Locale.ROOT).startsWith("file:")) {
      return asDirectory(Path.of(item).toAbsolutePath().normalize().toUri());
    }
    URI uri;
    try {
      uri = URI.create(item);
    } catch (IllegalArgumentException e) {
      throw new DatasetException("mirror '" + item + "' is not a valid URL: " + e.getMessage(), e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!SCHEMES.contains(scheme)) {
      throw new DatasetException("mirror '" + item + "' must be an http, https or file URL or a local directory");
    }
    return asDirectory(uri);
  }
}
