package dev.tfj.server.http.dashboard;

import dev.tfj.bundle.BundleFiles;
import dev.tfj.server.http.internal.Json;
import dev.tfj.server.http.internal.Served;
import dev.tfj.server.registry.ModelRegistry;
import dev.tfj.server.registry.VersionStatus;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The files a trained bundle carries beside its SavedModel, for any version the registry knows, loaded or
 * not: {@code GET /api/models/{name}/versions/{version}/metrics} gives {@code metrics.json} as written,
 * {@code .../curves.png} the training curves; a version without the file is a 404.
 */
public final class BundleFilesApi {

  private final ModelRegistry registry;

  private BundleFilesApi(ModelRegistry registry) {
    this.registry = registry;
  }

  /** Adds the routes. */
  public static void register(RoutesConfig routes, ModelRegistry registry) {
    BundleFilesApi api = new BundleFilesApi(registry);
    routes.get("/api/models/{name}/versions/{version}/metrics", ctx -> api.send(ctx, BundleFiles.METRICS, Json.CONTENT_TYPE));
    routes.get("/api/models/{name}/versions/{version}/curves.png", ctx -> api.send(ctx, BundleFiles.CURVES, "image/png"));
  }

  private void send(Context ctx, String file, String contentType) {
    long version = Served.version(ctx).orElseThrow();
    VersionStatus status = registry.status(Served.model(ctx), version); // only versions it found: no path tricks
    Served.tag(ctx, status.model(), version);
    Path path = status.dir().resolve(file);
    byte[] body;
    try {
      body = Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      throw new NotFoundResponse("version " + version + " of model " + status.model() + " has no " + file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
    ctx.contentType(contentType).header("Cache-Control", "no-cache").result(body);
  }
}
