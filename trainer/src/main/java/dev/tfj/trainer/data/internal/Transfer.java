package dev.tfj.trainer.data.internal;

import dev.tfj.trainer.data.ProgressListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Locale;

/** Copies one file from an {@code http(s)} or {@code file} URI to a local path, hashing it on the way. */
public final class Transfer {

  private final HttpClient http;
  private final Duration responseTimeout;

  /** A transfer using {@code http} for web URIs; {@code responseTimeout} bounds the wait for response headers. */
  public Transfer(HttpClient http, Duration responseTimeout) {
    this.http = http;
    this.responseTimeout = responseTimeout;
  }

  /**
   * Copies {@code source} to {@code target} (created or truncated) and returns the SHA-256 hex of the bytes written.
   * An IOException's message is a short reason such as "HTTP 404" or "truncated: expected 10 bytes, received 4".
   */
  public String copy(URI source, Path target, String fileName, ProgressListener progress)
      throws IOException, InterruptedException {
    String scheme = source.getScheme() == null ? "" : source.getScheme().toLowerCase(Locale.ROOT);
    return switch (scheme) {
      case "http", "https" -> copyHttp(source, target, fileName, progress);
      case "file" -> copyFile(source, target, fileName, progress);
      default -> throw new IOException("unsupported URL scheme '" + scheme + "'");
    };
  }

  private String copyHttp(URI source, Path target, String fileName, ProgressListener progress)
      throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(source).timeout(responseTimeout).GET().build();
    HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream body = response.body()) {
      if (response.statusCode() != 200) {
        throw new IOException("HTTP " + response.statusCode());
      }
      long total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
      return write(body, target, fileName, total, progress);
    }
  }

  private String copyFile(URI source, Path target, String fileName, ProgressListener progress) throws IOException {
    Path file = Path.of(source);
    if (!Files.isRegularFile(file)) {
      throw new IOException("no such file " + file);
    }
    try (InputStream in = Files.newInputStream(file)) {
      return write(in, target, fileName, Files.size(file), progress);
    }
  }

  private static String write(InputStream in, Path target, String fileName, long total, ProgressListener progress)
      throws IOException {
    MessageDigest digest = Sha256.digest();
    byte[] buffer = new byte[Inputs.BUFFER_SIZE];
    long received = 0;
    progress.start(fileName, total);
    try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      while (true) {
        int n;
        try {
          n = in.read(buffer);
        } catch (InterruptedIOException | ClosedByInterruptException e) {
          throw e;
        } catch (IOException e) {
          throw new IOException("transfer broke off after " + received + (total >= 0 ? " of " + total : "")
              + " bytes: " + e.getMessage(), e);
        }
        if (n < 0) {
          break;
        }
        if (Thread.currentThread().isInterrupted()) {
          throw new InterruptedIOException("interrupted");
        }
        out.write(buffer, 0, n);
        digest.update(buffer, 0, n);
        received += n;
        progress.advance(n);
      }
    } finally {
      progress.done();
    }
    if (total >= 0 && received != total) {
      throw new IOException("truncated: expected " + total + " bytes, received " + received);
    }
    return Sha256.hex(digest);
  }
}
