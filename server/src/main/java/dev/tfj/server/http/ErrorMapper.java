package dev.tfj.server.http;

import dev.tfj.server.http.internal.Json;
import dev.tfj.inference.ImageFeedException;
import dev.tfj.inference.InvalidInputException;
import dev.tfj.inference.ModelLoadException;
import dev.tfj.inference.UnavailableException;
import dev.tfj.server.registry.ModelNotFoundException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place exceptions become HTTP responses: a status and {@code {"error": "..."}}, the body TF
 * Serving and the Open Inference Protocol both use. Client errors are logged at debug, server errors at
 * error.
 */
final class ErrorMapper {

  private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

  private ErrorMapper() {}

  static void register(RoutesConfig routes) {
    routes.exception(HttpResponseException.class, ErrorMapper::handle);
    routes.exception(Exception.class, ErrorMapper::handle);
  }

  static int status(Throwable e) {
    if (e instanceof ModelNotFoundException) {
      return 404;
    }
    if (e instanceof InvalidInputException || e instanceof ImageFeedException) {
      return 400;
    }
    if (e instanceof UnavailableException) {
      return 503;
    }
    if (e instanceof ModelLoadException) {
      return 500; // the registry reports a version that does not load; one reaching a request is our fault
    }
    if (e instanceof HttpResponseException h) {
      return h.getStatus();
    }
    return 500;
  }

  private static void handle(Exception e, Context ctx) {
    int status = status(e);
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (status >= 500) {
      LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
      if (status == 500) {
        message = "internal error: " + message;
      }
    } else {
      LOG.debug("{} {}: {} {}", ctx.method(), ctx.path(), status, message);
    }
    ctx.status(status);
    Json.respond(ctx, Map.of("error", message));
  }
}
