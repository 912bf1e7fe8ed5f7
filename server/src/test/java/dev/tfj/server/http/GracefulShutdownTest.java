package dev.tfj.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tfj.server.registry.ModelRegistry;
import dev.tfj.inference.testing.TestBundles;
import dev.tfj.inference.testing.TestData;
import dev.tfj.server.testing.TestServer;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stopping the server lets the requests in flight finish before the models are closed. */
class GracefulShutdownTest {

  @TempDir Path base;

  @Test
  void stopWaitsForRequestsInFlight() throws Exception {
    TestBundles.exportOurs(base, "mnist", 1, 11);
    ServerConfig config = ServerConfig.defaults().withPort(0).withPollInterval(Duration.ZERO);
    ModelRegistry registry = ModelRegistry.open(base, config.registryConfig());
    Javalin app = ServerApp.create(registry, config);
    CountDownLatch inHandler = new CountDownLatch(1);
    // A predict that is slow on the server side: the handler blocks before running the model.
    app.before("/v1/models/{name}:predict", ctx -> {
      inHandler.countDown();
      Thread.sleep(700);
    });
    app.start();
    String body = TestServer.JSON.writeValueAsString(Map.of("instances", TestServer.nhwc(TestData.mnistTestImages(1), 1)));
    HttpClient client = HttpClient.newHttpClient();
    CompletableFuture<HttpResponse<String>> inFlight = client.sendAsync(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/v1/models/mnist:predict"))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(inHandler.await(10, TimeUnit.SECONDS)).isTrue();
    long start = System.nanoTime();
    app.stop();
    registry.close();

    HttpResponse<String> response = inFlight.get(10, TimeUnit.SECONDS);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.body()).contains("\"predictions\"");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(300));
  }
}
