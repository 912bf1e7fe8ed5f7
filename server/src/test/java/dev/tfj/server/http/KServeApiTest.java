package dev.tfj.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tfj.inference.testing.TestData;
import dev.tfj.server.testing.TestServer;
import dev.tfj.server.testing.TestServer.Response;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Open Inference Protocol (KServe v2) REST API, for our bundle and both foreign models. */
class KServeApiTest {

  @TempDir static Path base;
  static TestServer server;
  static final float[] DIGITS = TestData.mnistTestImages(3); // 7, 2, 1

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.withThreeModels(base);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void answersHealthAndServerMetadata() {
    assertThat(server.get("/v2/health/live").json().toString()).isEqualTo("{\"live\":true}");
    Response ready = server.get("/v2/health/ready");
    assertThat(ready.status()).isEqualTo(200);
    assertThat(ready.json().get("ready").asBoolean()).isTrue();
    assertThat(server.get("/v2").json().get("name").asText()).isEqualTo("tfj");
    Response model = server.get("/v2/models/conv/ready");
    assertThat(model.status()).isEqualTo(200);
    assertThat(model.json().toString()).isEqualTo("{\"name\":\"conv\",\"ready\":true}");
    assertThat(server.get("/v2/models/conv/versions/1/ready").status()).isEqualTo(200);
    assertThat(server.get("/v2/models/conv/versions/2/ready").status()).isEqualTo(404);
    assertThat(server.get("/v2/models/nope/ready").status()).isEqualTo(404);
  }

  @Test
  void describesModelsInMetadata() throws Exception {
    Response ours = server.get("/v2/models/mnist");
    assertThat(ours.status()).isEqualTo(200);
    assertThat(ours.json()).isEqualTo(TestServer.JSON.readTree(
        "{\"name\":\"mnist\",\"versions\":[\"1\"],\"platform\":\"tensorflow_savedmodel\","
            + "\"inputs\":[{\"name\":\"images\",\"datatype\":\"FP32\",\"shape\":[-1,28,28,1]}],"
            + "\"outputs\":[{\"name\":\"classes\",\"datatype\":\"INT64\",\"shape\":[-1]},"
            + "{\"name\":\"probabilities\",\"datatype\":\"FP32\",\"shape\":[-1,10]}]}"));
    JsonNode softmax = server.get("/v2/models/softmax/versions/1").json();
    assertThat(softmax.at("/inputs/0/name").asText()).isEqualTo("flatten_input");
    assertThat(softmax.at("/inputs/0/shape").toString()).isEqualTo("[-1,28,28]");
    assertThat(server.get("/v2/models/conv").json().at("/outputs/0/name").asText()).isEqualTo("output_0");
  }

  @Test
  void infersWithOurBundleFromFlatData() {
    Response r = server.post("/v2/models/mnist/infer", Map.of(
        "id", "req-1",
        "inputs", List.of(Map.of("name", "images", "shape", List.of(3, 28, 28, 1), "datatype", "FP32", "data", DIGITS))));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().get("model_name").asText()).isEqualTo("mnist");
    assertThat(r.json().get("model_version").asText()).isEqualTo("1");
    assertThat(r.json().get("id").asText()).isEqualTo("req-1");
    JsonNode outputs = r.json().get("outputs");
    assertThat(outputs.findValuesAsText("name")).containsExactly("classes", "probabilities");
    assertThat(outputs.get(1).get("shape").toString()).isEqualTo("[3,10]");
    assertThat(outputs.get(1).get("datatype").asText()).isEqualTo("FP32");
    assertThat(outputs.get(1).get("data")).hasSize(30);
    assertThat(outputs.get(0).get("datatype").asText()).isEqualTo("INT64");
    assertThat(outputs.get(0).get("data")).hasSize(3);
  }

  @Test
  void infersWithForeignModelsFromNestedDataAndFiltersOutputs() {
    Response softmax = server.post("/v2/models/softmax/versions/1/infer", Map.of(
        "inputs", List.of(Map.of("name", "flatten_input", "shape", List.of(3, 28, 28), "datatype", "FP32",
            "data", TestServer.nhw(DIGITS, 3))),
        "outputs", List.of(Map.of("name", "dense"))));
    assertThat(softmax.status()).as(softmax.body()).isEqualTo(200);
    assertThat(argMaxRows(softmax.json().at("/outputs/0/data"), 10)).containsExactly(7, 2, 1);
    assertThat(softmax.json().has("id")).isFalse();

    Response conv = server.post("/v2/models/conv/infer", Map.of(
        "parameters", Map.of("signature_name", "serve"),
        "inputs", List.of(Map.of("name", "keras_tensor", "shape", List.of(3, 28, 28, 1), "datatype", "FP32",
            "data", DIGITS))));
    assertThat(conv.status()).as(conv.body()).isEqualTo(200);
    assertThat(argMaxRows(conv.json().at("/outputs/0/data"), 10)).containsExactly(7, 2, 1);
  }

  @Test
  void rejectsMismatchedDatatypeAndShape() {
    Response dtype = server.post("/v2/models/mnist/infer", Map.of(
        "inputs", List.of(Map.of("name", "images", "shape", List.of(1, 28, 28, 1), "datatype", "INT32", "data", new int[784]))));
    assertThat(dtype.status()).isEqualTo(400);
    assertThat(dtype.json().get("error").asText()).contains("datatype INT32").contains("FP32");
    Response count = server.post("/v2/models/mnist/infer", Map.of(
        "inputs", List.of(Map.of("name", "images", "shape", List.of(2, 28, 28, 1), "datatype", "FP32", "data", new float[784]))));
    assertThat(count.status()).isEqualTo(400);
    assertThat(count.json().get("error").asText()).contains("784 values").contains("1568");
    Response output = server.post("/v2/models/mnist/infer", Map.of(
        "inputs", List.of(Map.of("name", "images", "shape", List.of(1, 28, 28, 1), "datatype", "FP32", "data", new float[784])),
        "outputs", List.of(Map.of("name", "logits"))));
    assertThat(output.status()).isEqualTo(400);
    assertThat(output.json().get("error").asText()).contains("unknown output 'logits'");
    assertThat(server.post("/v2/models/nope/infer", "{}").status()).isEqualTo(404);
  }

  private static List<Integer> argMaxRows(JsonNode flat, int width) {
    List<Integer> best = new java.util.ArrayList<>();
    for (int row = 0; row < flat.size() / width; row++) {
      int b = 0;
      for (int i = 1; i < width; i++) {
        if (flat.get(row * width + i).asDouble() > flat.get(row * width + b).asDouble()) {
          b = i;
        }
      }
      best.add(b);
    }
    return best;
  }
}
