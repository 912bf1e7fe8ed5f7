package dev.tfj.server.http.dashboard;

import io.javalin.config.RoutesConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The dashboard: a page, a script and a style sheet from the jar's {@code dashboard/} folder, served at
 * {@code /}, {@code /app.js} and {@code /app.css}. Nothing is fetched from anywhere else, so it works offline.
 */
public final class DashboardApi {

  /** Where the files live on the classpath. */
  static final String FOLDER = "/dashboard/";

  /** Each route, the file behind it and its content type. */
  private static final Map<String, Asset> ASSETS =
      Map.of(
          "/", new Asset("index.html", "text/html; charset=utf-8"),
          "/app.js", new Asset("app.js", "text/javascript; charset=utf-8"),
          "/app.css", new Asset("app.css", "text/css; charset=utf-8"));

  private record Asset(String file, String contentType) {}

  private DashboardApi() {}

  /** Adds the dashboard's routes; the files are read once, here, so a jar without them fails at start. */
  public static void register(RoutesConfig routes) {
    ASSETS.forEach((path, asset) -> {
      byte[] body = read(asset.file());
      routes.get(path, ctx -> ctx.contentType(asset.contentType()).header("Cache-Control", "no-cache").result(body));
    });
  }

  private static byte[] read(String file) {
    try (InputStream in = DashboardApi.class.getResourceAsStream(FOLDER + file)) {
      if (in == null) {
        throw new IllegalStateException("the dashboard file " + FOLDER + file + " is missing from the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
