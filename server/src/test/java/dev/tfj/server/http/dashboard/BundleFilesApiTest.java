package dev.tfj.server.http.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tfj.bundle.BundleFiles;
import dev.tfj.bundle.DatasetInfo;
import dev.tfj.bundle.EpochMetrics;
import dev.tfj.bundle.Hyperparameters;
import dev.tfj.bundle.LayerParameters;
import dev.tfj.bundle.MetricsFile;
import dev.tfj.bundle.TrainingMetrics;
import dev.tfj.server.http.ServerConfig;
import dev.tfj.server.registry.VersionPolicy;
import dev.tfj.inference.testing.TestBundles;
import dev.tfj.server.testing.TestServer;
import dev.tfj.server.testing.TestServer.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files beside a SavedModel that the dashboard shows: metrics.json and curves.png, or a JSON 404. */
class BundleFilesApiTest {

  static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 1, 2, 3};

  @TempDir static Path base;
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    Path trained = TestBundles.exportOurs(base, "mnist", 1, 11);
    MetricsFile.write(trained, metrics());
    Files.write(trained.resolve(BundleFiles.CURVES), PNG);
    TestBundles.exportOurs(base, "mnist", 2, 12); // a version with neither file
    server =
        TestServer.start(
            base, ServerConfig.defaults().withPollInterval(Duration.ZERO).withVersionPolicy(VersionPolicy.ALL));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static TrainingMetrics metrics() {
    int[][] confusion = new int[10][10];
    for (int d = 0; d < 10; d++) {
      confusion[d][d] = 90 + d;
    }
    confusion[4][9] = 7;
    return new TrainingMetrics(
        "mlp",
        List.of(new LayerParameters("dense", List.of(-1L, 10L), 7850)),
        7850,
        new Hyperparameters(2, 128, "SGD", 0.01, "COSINE", 0.9, 0, 0, 1),
        new DatasetInfo("mnist", 60_000, 10_000, "abc", Map.of()),
        List.of(new EpochMetrics(1, 0.61, 0.83, 0.40, 0.89, 3.5, 17_000), new EpochMetrics(2, 0.35, 0.90, 0.31, 0.912, 3.4, 17_600)),
        0.912,
        0.912,
        2,
        confusion,
        7.2,
        17_300,
        "2.18.0",
        "CPU",
        "float32",
        "2025-01-01T00:00:00Z");
  }

  @Test
  void servesMetricsJsonAsTrainingWroteIt() {
    Response r = server.get("/api/models/mnist/versions/1/metrics");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().get("model").asText()).isEqualTo("mlp");
    assertThat(r.json().get("totalParameters").asLong()).isEqualTo(7850);
    assertThat(r.json().get("finalTestAccuracy").asDouble()).isEqualTo(0.912);
    assertThat(r.json().get("epochs")).hasSize(2);
    assertThat(r.json().get("epochs").get(1).get("testAccuracy").asDouble()).isEqualTo(0.912);
    assertThat(r.json().get("confusionMatrix").get(4).get(9).asInt()).isEqualTo(7);
  }

  @Test
  void servesCurvesPngAsAnImage() throws Exception {
    HttpResponse<byte[]> r =
        HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(URI.create(server.url("/api/models/mnist/versions/1/curves.png"))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("image/png");
    assertThat(r.body()).isEqualTo(PNG);
  }

  @Test
  void answersA404WithAJsonErrorWhenTheVersionHasNoSuchFile() {
    Response metrics = server.get("/api/models/mnist/versions/2/metrics");
    assertThat(metrics.status()).isEqualTo(404);
    assertThat(metrics.json().get("error").asText()).isEqualTo("version 2 of model mnist has no metrics.json");
    Response curves = server.get("/api/models/mnist/versions/2/curves.png");
    assertThat(curves.status()).isEqualTo(404);
    assertThat(curves.json().get("error").asText()).contains("no curves.png");
  }

  @Test
  void answersA404ForVersionsAndModelsItDoesNotKnow() {
    assertThat(server.get("/api/models/mnist/versions/3/metrics").status()).isEqualTo(404);
    assertThat(server.get("/api/models/nope/versions/1/metrics").status()).isEqualTo(404);
    Response notANumber = server.get("/api/models/mnist/versions/..%2F..%2Fetc/metrics");
    assertThat(notANumber.status()).isEqualTo(404);
    assertThat(notANumber.json().get("error").asText()).contains("versions are integers");
  }
}
