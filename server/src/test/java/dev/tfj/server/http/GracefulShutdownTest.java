package dev.tfj.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tfj.inference.testing.TestBundles;
import dev.tfj.inference.testing.TestData;
import dev.tfj.server.metrics.ServerMetrics;
import dev.tfj.server.registry.ModelRegistry;
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
import org.eclipse.jetty.util.component.Graceful;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stopping the server lets the requests in flight finish before the models are closed. */
class GracefulShutdownTest {

  @TempDir Path base;

  @Test
  void stopWaitsForRequestsInFlight() throws Exception {
    TestBundles.exportOurs(base, "mnist", 1, 11);
    ServerConfig config = ServerConfig.defaults().withHost("127.0.0.1").withPort(0).withPollInterval(Duration.ZERO);
    ModelRegistry registry = ModelRegistry.open(base, config.registryConfig());
    CountDownLatch inHandler = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ShutdownProbe probe = new ShutdownProbe();
    Javalin app = Javalin.create(c -> {
      ServerApp.configure(c, registry, config, new ServerMetrics(registry));
      // A predict held on the server side until the test lets it go, after the stop has begun.
      c.routes.before("/v1/models/{name}:predict", ctx -> {
        inHandler.countDown();
        release.await();
      });
      c.jetty.modifyServer(server -> server.addBean(probe));
    }).start();
    String body = TestServer.JSON.writeValueAsString(Map.of("instances", TestServer.nhwc(TestData.mnistTestImages(1), 1)));
    CompletableFuture<HttpResponse<String>> inFlight = HttpClient.newHttpClient().sendAsync(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/v1/models/mnist:predict"))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(inHandler.await(10, TimeUnit.SECONDS)).isTrue();

    CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> {
      app.stop();
      registry.close();
    });
    assertThat(probe.shutdownStarted.await(10, TimeUnit.SECONDS)).as("Jetty began a graceful shutdown").isTrue();
    assertThat(stopping).isNotDone(); // held by the request in flight
    release.countDown();

    HttpResponse<String> response = inFlight.get(10, TimeUnit.SECONDS);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.body()).startsWith("{\"predictions\":[{\"classes\":");
    stopping.get(10, TimeUnit.SECONDS);
  }

  /** Tells when Jetty's stop reaches its graceful phase, the one that waits for requests in flight. */
  private static final class ShutdownProbe implements Graceful {
    final CountDownLatch shutdownStarted = new CountDownLatch(1);

    @Override
    public CompletableFuture<Void> shutdown() {
      shutdownStarted.countDown();
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public boolean isShutdown() {
      return shutdownStarted.getCount() == 0;
    }
  }
}
