package dev.tfj.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tfj.inference.testing.TestBundles;
import dev.tfj.server.metrics.ServerMetrics;
import dev.tfj.server.registry.ModelRegistry;
import dev.tfj.server.testing.TestServer;
import io.javalin.Javalin;
import java.io.EOFException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slow and greedy clients: a client that stalls mid-body holds no thread and is cut off after the idle
 * timeout; past the request limits the answer is a JSON 503 or 429, never a socket left unanswered.
 */
class ClientLimitsTest {

  private static final int THREADS = 16;

  @TempDir static Path base;
  static ModelRegistry registry;

  @BeforeAll
  static void load() throws Exception {
    TestBundles.exportOurs(base, "mnist", 1, 11);
    registry = ModelRegistry.open(base, ServerConfig.defaults().withPollInterval(Duration.ZERO).registryConfig());
  }

  @AfterAll
  static void unload() {
    registry.close();
  }

  @Test
  void stalledClientsBeyondTheThreadPoolDoNotHoldUpOthers() throws Exception {
    Javalin app = start(new ClientLimits(Duration.ofMinutes(5), 0, 0, 0), null, null);
    List<Socket> stalled = new ArrayList<>();
    try {
      for (int i = 0; i < 4 * THREADS; i++) {
        stalled.add(stall(app.port()));
      }
      // four times as many stalled bodies as pool threads; without admission they would hold every thread
      // in a blocking read (the 5-minute idle timeout never fires here) and this request would time out
      for (int i = 0; i < 3; i++) {
        HttpResponse<String> ok = send(app.port(), "/v1/models/mnist:predict",
            "{\"instances\": " + TestServer.JSON.writeValueAsString(new float[1][28][28][1]) + "}");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
      }
      for (Socket s : stalled) {
        assertThat(s.isClosed()).isFalse();
        s.getOutputStream().write(new byte[] {'1', '}'}); // the rest of the body
        s.getOutputStream().flush();
      }
      for (Socket s : stalled) {
        assertThat(readAll(s)).startsWith("HTTP/1.1 400"); // served once complete ("{\"x\": 1}" has no instances)
      }
    } finally {
      for (Socket s : stalled) {
        s.close();
      }
      app.stop();
    }
  }

  @Test
  void stalledClientIsCutOffAfterTheIdleTimeout() throws Exception {
    Javalin app = start(new ClientLimits(Duration.ofMillis(300), 0, 0, 0), null, null);
    try (Socket s = stall(app.port())) {
      String answer = readAll(s); // returns at end of stream: the server closed the connection
      assertThat(answer).startsWith("HTTP/1.1 408").contains("application/json")
          .endsWith("{\"error\":\"the request body stopped arriving: idle timeout\"}");
      assertThat(s.getInputStream().read()).isEqualTo(-1);
    } finally {
      app.stop();
    }
  }

  @Test
  void requestsBeyondTheLimitGetA503() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Javalin app = start(new ClientLimits(Duration.ofMinutes(1), 1, 0, 0), entered, release);
    try {
      CompletableFuture<HttpResponse<String>> held = sendAsync(app.port(), "/test/hold", "{}");
      assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
      HttpResponse<String> busy = send(app.port(), "/v1/models/mnist:predict", "{\"instances\": [1]}");
      assertThat(busy.statusCode()).isEqualTo(503);
      assertThat(busy.headers().firstValue("Content-Type")).hasValue("application/json");
      assertThat(error(busy)).contains("server busy");
      release.countDown();
      assertThat(held.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      assertThat(statusOnceReleased(app.port(), 503)).isEqualTo(200); // the slot is free again
    } finally {
      release.countDown();
      app.stop();
    }
  }

  @Test
  void requestsBeyondThePerClientLimitGetA429() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Javalin app = start(new ClientLimits(Duration.ofMinutes(1), 0, 1, 0), entered, release);
    try {
      CompletableFuture<HttpResponse<String>> held = sendAsync(app.port(), "/test/hold", null);
      assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
      HttpResponse<String> tooMany = send(app.port(), "/v1/models/mnist", null);
      assertThat(tooMany.statusCode()).isEqualTo(429);
      assertThat(error(tooMany)).contains("too many requests from 127.0.0.1");
      release.countDown();
      assertThat(held.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      assertThat(statusOnceReleased(app.port(), 429)).isEqualTo(200);
    } finally {
      release.countDown();
      app.stop();
    }
  }

  @Test
  void connectionsBeyondTheLimitGetA503AndAreClosed() throws Exception {
    int limit = 3;
    Javalin app = start(new ClientLimits(Duration.ofMinutes(1), 0, 0, limit), null, null);
    List<Socket> kept = new ArrayList<>();
    List<Socket> refused = new ArrayList<>();
    try {
      for (int i = 0; i < limit; i++) {
        Socket s = connect(app.port());
        kept.add(s);
        assertThat(exchange(s)).startsWith("HTTP/1.1 200"); // answered: accepted and counted
      }
      // one more: accepted, answered and closed by the server, whether or not the client sent a request
      try (Socket over = connect(app.port())) {
        over.getOutputStream().write(GET_STATUS);
        String answer = readAll(over); // returns at end of stream: the server closed the connection
        assertThat(answer).startsWith("HTTP/1.1 503").contains("Connection: close").contains("Retry-After: 1")
            .contains("Content-Type: application/json");
        assertThat(TestServer.JSON.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4)).get("error").asText())
            .isEqualTo("server busy: 3 connections already open; retry later, or send more requests on an open"
                + " keep-alive connection");
      }
      // refusals hold no thread: four times the pool's threads of them, left open and silent, and the
      // connections under the limit are still served
      for (int i = 0; i < 4 * THREADS; i++) {
        Socket s = connect(app.port());
        refused.add(s);
        assertThat(readAll(s)).startsWith("HTTP/1.1 503");
      }
      for (Socket s : kept) {
        assertThat(exchange(s)).startsWith("HTTP/1.1 200");
      }
      // one closed: a new connection is served once the server has seen the close (ask again until then)
      kept.remove(0).close();
      String status = "HTTP/1.1 503";
      for (int i = 0; i < 1000 && status.startsWith("HTTP/1.1 503"); i++) {
        try (Socket s = connect(app.port())) {
          s.getOutputStream().write(GET_STATUS);
          status = readResponse(s.getInputStream());
        }
      }
      assertThat(status).startsWith("HTTP/1.1 200");
    } finally {
      for (Socket s : kept) {
        s.close();
      }
      for (Socket s : refused) {
        s.close();
      }
      app.stop();
    }
  }

  /**
   * The status of a request sent after the held one was answered. The server frees the held request's slot
   * when Jetty reports its response written, which can come just after the client has read it, so a
   * request racing that is still refused: ask again (no sleep) while the answer is {@code refused}.
   */
  private static int statusOnceReleased(int port, int refused) throws Exception {
    int status = refused;
    for (int i = 0; i < 1000 && status == refused; i++) {
      status = send(port, "/v1/models/mnist", null).statusCode();
    }
    return status;
  }

  /** The server on a free port with a 16-thread pool, and a route that waits for {@code release}. */
  private static Javalin start(ClientLimits limits, CountDownLatch entered, CountDownLatch release) {
    ServerConfig config = ServerConfig.defaults().withPort(0).withPollInterval(Duration.ZERO).withClientLimits(limits);
    return Javalin.create(c -> {
      ServerApp.configure(c, registry, config, new ServerMetrics(registry));
      c.jetty.threadPool = new QueuedThreadPool(THREADS, 4);
      if (release != null) {
        c.routes.get("/test/hold", ctx -> hold(entered, release));
        c.routes.post("/test/hold", ctx -> hold(entered, release));
      }
    }).start("127.0.0.1", 0);
  }

  private static void hold(CountDownLatch entered, CountDownLatch release) throws InterruptedException {
    entered.countDown();
    release.await(30, TimeUnit.SECONDS);
  }

  /** A connection that sent its headers and half of an 8-byte body, then stalls. */
  private static Socket stall(int port) throws Exception {
    Socket s = new Socket();
    s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    OutputStream out = s.getOutputStream();
    out.write(("POST /v1/models/mnist:predict HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        + "Content-Length: 8\r\nConnection: close\r\n\r\n{\"x\": ").getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return s;
  }

  private static final byte[] GET_STATUS =
      "GET /v1/models/mnist HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  private static Socket connect(int port) throws Exception {
    Socket s = new Socket();
    s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    s.setSoTimeout(30_000);
    return s;
  }

  /** Sends a keep-alive GET of the model's status on {@code s} and reads its one response. */
  private static String exchange(Socket s) throws Exception {
    s.getOutputStream().write(GET_STATUS);
    s.getOutputStream().flush();
    return readResponse(s.getInputStream());
  }

  /** One response: its head up to the blank line, then Content-Length bytes of body. */
  private static String readResponse(InputStream in) throws Exception {
    StringBuilder head = new StringBuilder();
    while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("connection closed after: " + head);
      }
      head.append((char) b);
    }
    Matcher m = Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
    int length = m.find() ? Integer.parseInt(m.group(1)) : 0;
    return head + new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }

  private static String readAll(Socket s) throws Exception {
    s.setSoTimeout(30_000);
    InputStream in = s.getInputStream();
    return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
  }

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

  private static HttpRequest request(int port, String path, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(30));
    return body == null ? b.GET().build()
        : b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }

  private static HttpResponse<String> send(int port, String path, String body) throws Exception {
    return CLIENT.send(request(port, path, body), HttpResponse.BodyHandlers.ofString());
  }

  private static CompletableFuture<HttpResponse<String>> sendAsync(int port, String path, String body) {
    return CLIENT.sendAsync(request(port, path, body), HttpResponse.BodyHandlers.ofString());
  }

  private static String error(HttpResponse<String> r) throws Exception {
    JsonNode json = TestServer.JSON.readTree(r.body());
    return json.get("error").asText();
  }
}
