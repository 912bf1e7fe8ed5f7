package dev.tfj.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import dev.tfj.inference.testing.TestBundles;
import dev.tfj.inference.testing.TestData;
import dev.tfj.server.grpc.GrpcServer;
import dev.tfj.server.http.ModelServer;
import dev.tfj.server.http.ServerApp;
import dev.tfj.server.http.ServerConfig;
import dev.tfj.server.registry.ModelRegistry;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The real server (HTTP and gRPC) on ephemeral ports, with a small JSON client and a gRPC channel. */
public final class TestServer implements AutoCloseable {

  public static final ObjectMapper JSON =
      JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

  private final ModelRegistry registry;
  private final int httpPort;
  private final int grpcPort;
  private final Runnable stop;
  private ManagedChannel channel;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();

  /** A status and a parsed JSON body (null when the body is not JSON). */
  public record Response(int status, JsonNode json, String body) {}

  private TestServer(ModelRegistry registry, int httpPort, int grpcPort, Runnable stop) {
    this.registry = registry;
    this.httpPort = httpPort;
    this.grpcPort = grpcPort;
    this.stop = stop;
  }

  /** A client of a running {@link ModelServer} (started on free ports); closing it stops the server. */
  public static TestServer of(ModelServer server) {
    return new TestServer(server.registry(), server.port(), server.grpcPort(), server::close);
  }

  /** Opens the registry and starts the app and the gRPC server on 127.0.0.1 and free ports. */
  public static TestServer start(Path base, ServerConfig config) throws IOException {
    ServerConfig local = config.withHost("127.0.0.1").withPort(0);
    ModelRegistry registry = ModelRegistry.open(base, local.registryConfig());
    GrpcServer grpc = GrpcServer.start(registry, "127.0.0.1", 0, local.maxBodyBytes(), c -> {
      throw new IllegalStateException("no model config in this test");
    }, Duration.ofSeconds(5));
    Javalin app = ServerApp.create(registry, local).start();
    return new TestServer(registry, app.port(), grpc.port(), () -> {
      app.stop();
      grpc.close();
      registry.close();
    });
  }

  /**
   * Our bundle as "mnist" and the two Keras models as "softmax" and "conv", version 1 each, served with no
   * background polling.
   */
  public static TestServer withThreeModels(Path base) throws IOException {
    TestBundles.exportOurs(base, "mnist", 1, 11);
    TestData.copyForeign(TestData.KERAS_SOFTMAX, base, "softmax", 1);
    TestData.copyForeign(TestData.KERAS_CONV, base, "conv", 1);
    return start(base, ServerConfig.defaults().withPollInterval(Duration.ZERO));
  }

  /** The value of one Prometheus series (a regex of name and labels) in a scrape; fails when absent. */
  public static double metric(String scrape, String series) {
    Matcher m = Pattern.compile("(?m)^" + series + " ([0-9.eE+-]+)$").matcher(scrape);
    if (!m.find()) {
      throw new AssertionError("series " + series + " not in\n" + scrape);
    }
    return Double.parseDouble(m.group(1));
  }

  /** A plaintext channel to the gRPC server, made once, closed with the server. */
  public synchronized ManagedChannel channel() {
    if (channel == null) {
      channel = Grpc.newChannelBuilderForAddress("127.0.0.1", grpcPort, InsecureChannelCredentials.create())
          .maxInboundMessageSize(64 * 1024 * 1024)
          .build();
    }
    return channel;
  }

  public ModelRegistry registry() {
    return registry;
  }

  public String url(String path) {
    return "http://127.0.0.1:" + httpPort + path;
  }

  public Response get(String path) {
    return send(HttpRequest.newBuilder(URI.create(url(path))).GET().build());
  }

  public Response post(String path, String json) {
    return send(HttpRequest.newBuilder(URI.create(url(path)))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json))
        .build());
  }

  public Response post(String path, Object body) {
    try {
      return post(path, JSON.writeValueAsString(body));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Response postBytes(String path, String contentType, byte[] body) {
    return send(HttpRequest.newBuilder(URI.create(url(path)))
        .header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build());
  }

  public Response send(HttpRequest request) {
    try {
      HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
      JsonNode json;
      try {
        json = JSON.readTree(r.body());
      } catch (IOException e) {
        json = null;
      }
      return new Response(r.statusCode(), json, r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Stops the app gracefully, then the registry. */
  @Override
  public void close() {
    if (channel != null) {
      channel.shutdownNow();
    }
    stop.run();
  }

  /** Nested lists of {@code count} 28x28x1 images: {@code [count][28][28][1]}. */
  public static float[][][][] nhwc(float[] pixels, int count) {
    float[][][][] out = new float[count][28][28][1];
    for (int i = 0; i < count; i++) {
      for (int y = 0; y < 28; y++) {
        for (int x = 0; x < 28; x++) {
          out[i][y][x][0] = pixels[i * 784 + y * 28 + x];
        }
      }
    }
    return out;
  }

  /** Nested lists of {@code count} 28x28 images: {@code [count][28][28]}. */
  public static float[][][] nhw(float[] pixels, int count) {
    float[][][] out = new float[count][28][28];
    for (int i = 0; i < count; i++) {
      for (int y = 0; y < 28; y++) {
        System.arraycopy(pixels, i * 784 + y * 28, out[i][y], 0, 28);
      }
    }
    return out;
  }
}
