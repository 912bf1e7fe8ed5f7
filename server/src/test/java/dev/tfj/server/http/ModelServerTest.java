package dev.tfj.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tfj.inference.testing.TestBundles;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import dev.tfj.serving.api.inference.GRPCInferenceServiceGrpc;
import dev.tfj.serving.api.inference.ServerReadyRequest;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code tfj serve} runs: start on a port, answer, stop. */
class ModelServerTest {

  @TempDir Path base;

  @Test
  void startsServesAndStops() throws Exception {
    TestBundles.exportOurs(base, "mnist", 1, 11);
    HttpClient client = HttpClient.newHttpClient();
    ModelServer server =
        ModelServer.start(base, ServerConfig.defaults().withPort(0).withGrpcPort(0).withPollInterval(Duration.ZERO));
    URI ready = URI.create(server.url() + "/v2/health/ready");
    ManagedChannel channel = Grpc.newChannelBuilderForAddress(
        "127.0.0.1", server.grpcPort(), InsecureChannelCredentials.create()).build();
    try {
      assertThat(server.url()).startsWith("http://127.0.0.1:");
      assertThat(client.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.ofString()).body())
          .isEqualTo("{\"ready\":true}");
      assertThat(server.grpcPort()).isPositive();
      assertThat(GRPCInferenceServiceGrpc.newBlockingStub(channel)
          .serverReady(ServerReadyRequest.getDefaultInstance()).getReady()).isTrue();
    } finally {
      channel.shutdownNow();
      server.close();
    }
    server.awaitStop();
    server.close(); // idempotent
    assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(IOException.class);
  }

  @Test
  void refusesAMissingModelDirectory() {
    assertThatThrownBy(() -> ModelServer.start(base.resolve("missing"), ServerConfig.defaults().withPort(0).withGrpcPort(0)))
        .isInstanceOf(java.nio.file.NoSuchFileException.class);
  }
}
