package dev.tfj.trainer.data;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP server on an ephemeral port serving one directory's files in several ways, each under its own
 * prefix: {@code /good/} as they are, {@code /bad/} with one byte flipped, {@code /missing/} as 404,
 * {@code /short/} announcing the full Content-Length but closing after half, {@code /redirect/} as a 302 to
 * {@code /good/}.
 */
final class LoopbackServer implements AutoCloseable {

  private final HttpServer server;
  private final Path root;
  private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

  LoopbackServer(Path root) throws IOException {
    this.root = root;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/good/", exchange -> serve(exchange, "good"));
    server.createContext("/bad/", exchange -> serve(exchange, "bad"));
    server.createContext("/missing/", exchange -> serve(exchange, "missing"));
    server.createContext("/short/", exchange -> serve(exchange, "short"));
    server.createContext("/redirect/", exchange -> serve(exchange, "redirect"));
    server.start();
  }

  /** The base URL of one prefix, with a trailing slash. */
  URI mirror(String prefix) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + prefix + "/");
  }

  /** How many requests a prefix has had. */
  int hits(String prefix) {
    return hits.getOrDefault(prefix, new AtomicInteger()).get();
  }

  /** The bytes {@code /bad/} serves for a file: the real ones with the byte in the middle flipped. */
  static byte[] corrupted(byte[] bytes) {
    byte[] copy = bytes.clone();
    copy[copy.length / 2] ^= (byte) 0xFF;
    return copy;
  }

  private void serve(HttpExchange exchange, String mode) throws IOException {
    hits.computeIfAbsent(mode, m -> new AtomicInteger()).incrementAndGet();
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String fileName = path.substring(path.lastIndexOf('/') + 1);
      Path file = root.resolve(fileName);
      if (mode.equals("missing") || fileName.isEmpty() || !Files.isRegularFile(file)) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      if (mode.equals("redirect")) {
        exchange.getResponseHeaders().add("Location", "/good/" + fileName);
        exchange.sendResponseHeaders(302, -1);
        return;
      }
      byte[] bytes = Files.readAllBytes(file);
      byte[] body = mode.equals("bad") ? corrupted(bytes) : bytes;
      exchange.sendResponseHeaders(200, body.length);
      OutputStream out = exchange.getResponseBody();
      if (mode.equals("short")) {
        out.write(body, 0, body.length / 2);
        out.flush();
        return; // closing with bytes missing makes the server drop the connection
      }
      out.write(body);
    } catch (IOException expected) {
      // "insufficient bytes written" from the short mode, or a client that went away.
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
