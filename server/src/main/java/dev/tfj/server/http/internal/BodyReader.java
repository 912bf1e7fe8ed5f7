package dev.tfj.server.http.internal;

import dev.tfj.inference.InvalidInputException;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads a request body, refusing one over the configured size before reading it where possible. */
public final class BodyReader {

  private BodyReader() {}

  /** The body's bytes; a body over {@code maxBytes} is an {@link InvalidInputException}. */
  public static byte[] read(Context ctx, long maxBytes) {
    long declared = ctx.req().getContentLengthLong();
    if (declared > maxBytes) {
      throw tooLarge(declared + " bytes", maxBytes);
    }
    try (InputStream in = ctx.req().getInputStream()) {
      byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
      if (body.length > maxBytes) {
        throw tooLarge("more than " + maxBytes + " bytes", maxBytes);
      }
      return body;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the request body", e);
    }
  }

  private static InvalidInputException tooLarge(String size, long maxBytes) {
    return new InvalidInputException(
        "request body too large: " + size + "; the limit is " + maxBytes + " bytes");
  }
}
