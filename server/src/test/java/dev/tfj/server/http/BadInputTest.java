package dev.tfj.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tfj.inference.testing.TestBundles;
import dev.tfj.server.testing.TestServer;
import dev.tfj.server.testing.TestServer.Response;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Client mistakes get a 400 (or 404) with a JSON error naming the problem, never a 500, and the server stays up. */
class BadInputTest {

  private static final long MAX_BODY = 256 * 1024;

  @TempDir static Path base;
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    TestBundles.exportOurs(base, "mnist", 1, 11);
    server = TestServer.start(base, ServerConfig.defaults().withPollInterval(Duration.ZERO).withMaxBodyBytes(MAX_BODY));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @AfterEach
  void serverStillAnswers() {
    Response ok = server.post("/v1/models/mnist:predict", Map.of("instances", new float[1][28][28][1]));
    assertThat(ok.status()).isEqualTo(200);
  }

  @Test
  void malformedJson() {
    assertError(server.post("/v1/models/mnist:predict", "{\"instances\": [1, 2"), 400, "malformed JSON");
    assertError(server.post("/v2/models/mnist/infer", "{oops}"), 400, "malformed JSON");
    assertError(server.post("/v1/models/mnist:predict", ""), 400, "malformed JSON");
    assertError(server.post("/v1/models/mnist:predict", "[1, 2, 3]"), 400, "must be a JSON object");
  }

  @Test
  void wrongShape() {
    assertError(server.post("/v1/models/mnist:predict", Map.of("instances", new float[2][28][28])), 400,
        "shape [2,28,28] but the signature expects [-1,28,28,1]");
    assertError(server.post("/v1/models/mnist:predict", "{\"instances\": [[[[0.1]]], [[[0.1], [0.2]]]]}"), 400,
        "same length");
  }

  @Test
  void wrongDtype() {
    assertError(server.post("/v1/models/mnist:predict", "{\"instances\": [[[[\"white\"]]]]}"), 400,
        "instances[0][0][0][0] is string \"white\" but the input has dtype DT_FLOAT");
    assertError(server.post("/v1/models/mnist:predict", "{\"inputs\": {\"images\": true}}"), 400, "dtype DT_FLOAT");
  }

  @Test
  void unknownInputOrSignature() {
    assertError(server.post("/v1/models/mnist:predict", Map.of("inputs", Map.of("pixels", new float[1][28][28][1]))), 400,
        "unknown input 'pixels'");
    assertError(server.post("/v1/models/mnist:predict", Map.of("instances", List.of(Map.of("pixels", new float[28][28][1])))), 400,
        "unknown input 'pixels'");
    assertError(server.post("/v1/models/mnist:predict", Map.of("signature_name", "classify", "instances", new float[1][28][28][1])), 400,
        "Serving signature name: \"classify\" not found");
  }

  @Test
  void emptyBatchAndMissingInputs() {
    assertError(server.post("/v1/models/mnist:predict", "{\"instances\": []}"), 400, "empty batch");
    assertError(server.post("/v1/models/mnist:predict", Map.of("inputs", new float[0][28][28][1])), 400, "empty batch");
    assertError(server.post("/v2/models/mnist/infer", "{\"inputs\": []}"), 400, "empty batch");
    assertError(server.post("/v1/models/mnist:predict", "{\"signature_name\": \"serving_default\"}"), 400,
        "missing \"instances\"");
    assertError(server.post("/v1/models/mnist:predict", "{\"instances\": [], \"inputs\": []}"), 400, "not both");
  }

  @Test
  void oversizedBody() {
    float[][][][] big = new float[100][28][28][1]; // about 320 KB of JSON
    for (float[][][] image : big) {
      for (float[][] row : image) {
        for (float[] px : row) {
          px[0] = 0.123456f;
        }
      }
    }
    assertError(server.post("/v1/models/mnist:predict", Map.of("instances", big)), 400, "request body too large");
  }

  @Test
  void unknownModelOrVersionIsNotFound() {
    assertError(server.post("/v1/models/nope:predict", Map.of("instances", new float[1][28][28][1])), 404,
        "Servable not found for request: Latest(nope)");
    assertError(server.post("/v1/models/mnist/versions/7:predict", Map.of("instances", new float[1][28][28][1])), 404,
        "Specific(mnist, 7)");
    assertError(server.get("/v1/models/mnist/versions/x1"), 404, "versions are integers");
    assertError(server.get("/v1/models/nope"), 404, "Could not find any versions of model nope");
    assertError(server.get("/v1/models/nope/metadata"), 404, "nope");
    assertError(server.get("/v2/models/nope"), 404, "nope");
    assertError(server.get("/no/such/path"), 404, "");
  }

  @Test
  void shapesThatOverflow() {
    assertError(server.post("/v2/models/mnist/infer",
        "{\"inputs\": [{\"name\": \"images\", \"datatype\": \"FP32\", \"shape\": [4294967296, 4294967296, 28, 1], \"data\": []}]}"),
        400, "too many values");
  }

  @Test
  void unsupportedTfServingVerbs() {
    assertError(server.post("/v1/models/mnist:classify", "{}"), 400, "use :predict");
  }

  private static void assertError(Response r, int status, String message) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.json()).as(r.body()).isNotNull();
    assertThat(r.json().get("error").asText()).contains(message);
  }
}
