package dev.tfj.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tfj.inference.testing.TestBundles;
import dev.tfj.inference.testing.TestData;
import dev.tfj.server.testing.TestServer;
import dev.tfj.server.testing.TestServer.Response;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TF Serving's REST API, for our bundle ("mnist"), both foreign models, and a string model. */
class TfServingApiTest {

  @TempDir static Path base;
  static TestServer server;
  static final float[] DIGITS = TestData.mnistTestImages(3); // 7, 2, 1

  @BeforeAll
  static void start() throws Exception {
    TestBundles.exportStringLength(base, "strings", 1);
    server = TestServer.withThreeModels(base);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void reportsModelStatusLikeTfServing() throws Exception {
    Response r = server.get("/v1/models/mnist");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json()).isEqualTo(TestServer.JSON.readTree(
        "{\"model_version_status\":[{\"version\":\"1\",\"state\":\"AVAILABLE\","
            + "\"status\":{\"error_code\":\"OK\",\"error_message\":\"\"}}]}"));
    assertThat(server.get("/v1/models/conv/versions/1").json().at("/model_version_status/0/state").asText())
        .isEqualTo("AVAILABLE");
    assertThat(server.get("/v1/models/softmax").status()).isEqualTo(200);
  }

  @Test
  void describesOurSignatureInMetadata() {
    Response r = server.get("/v1/models/mnist/metadata");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().at("/model_spec").toString())
        .isEqualTo("{\"name\":\"mnist\",\"signature_name\":\"\",\"version\":\"1\"}");
    JsonNode sig = r.json().at("/metadata/signature_def/signature_def/serving_default");
    assertThat(sig.at("/method_name").asText()).isEqualTo("tensorflow/serving/predict");
    assertThat(sig.at("/inputs/images/dtype").asText()).isEqualTo("DT_FLOAT");
    assertThat(sig.at("/inputs/images/name").asText()).isEqualTo("images:0");
    assertThat(sig.at("/inputs/images/tensor_shape/dim").findValuesAsText("size")).containsExactly("-1", "28", "28", "1");
    assertThat(sig.at("/inputs/images/tensor_shape/unknown_rank").asBoolean()).isFalse();
    assertThat(sig.at("/outputs/classes/dtype").asText()).isEqualTo("DT_INT64");
    assertThat(sig.at("/outputs/probabilities/tensor_shape/dim").findValuesAsText("size")).containsExactly("-1", "10");
  }

  @Test
  void describesForeignSignaturesInMetadata() {
    JsonNode softmax = server.get("/v1/models/softmax/versions/1/metadata").json()
        .at("/metadata/signature_def/signature_def/serving_default");
    assertThat(softmax.at("/inputs/flatten_input/tensor_shape/dim").findValuesAsText("size")).containsExactly("-1", "28", "28");
    assertThat(softmax.at("/outputs/dense/name").asText()).isEqualTo("StatefulPartitionedCall:0");

    JsonNode defs = server.get("/v1/models/conv/metadata").json().at("/metadata/signature_def/signature_def");
    assertThat(defs.fieldNames()).toIterable().contains("serving_default", "serve", "__saved_model_init_op");
    assertThat(defs.at("/serve/inputs/keras_tensor/name").asText()).isEqualTo("serve_keras_tensor:0");
  }

  @Test
  void predictsRowFormatWithOurBundle() {
    Response r = server.post("/v1/models/mnist:predict", Map.of("instances", TestServer.nhwc(DIGITS, 3)));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode predictions = r.json().get("predictions");
    assertThat(predictions).hasSize(3);
    for (JsonNode row : predictions) {
      assertThat(row.get("probabilities")).hasSize(10);
      assertThat(sum(row.get("probabilities"))).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
      assertThat(row.get("classes").asInt()).isEqualTo(argMax(row.get("probabilities")));
    }
  }

  @Test
  void predictsNamedRowsAndColumnarFormatWithOurBundle() {
    float[][][][] images = TestServer.nhwc(DIGITS, 2);
    Response named = server.post("/v1/models/mnist:predict",
        Map.of("instances", List.of(Map.of("images", images[0]), Map.of("images", images[1]))));
    Response columnar = server.post("/v1/models/mnist:predict", Map.of("inputs", Map.of("images", images)));
    Response bare = server.post("/v1/models/mnist/versions/1:predict", Map.of("inputs", images));
    assertThat(named.status()).isEqualTo(200);
    assertThat(columnar.status()).isEqualTo(200);
    JsonNode outputs = columnar.json().get("outputs");
    assertThat(outputs.get("probabilities")).hasSize(2);
    assertThat(outputs.get("classes")).hasSize(2);
    assertThat(outputs.get("classes").get(1)).isEqualTo(named.json().at("/predictions/1/classes"));
    assertThat(bare.json()).isEqualTo(columnar.json());
  }

  @Test
  void predictsWithTheKerasSoftmaxModel() {
    Response rows = server.post("/v1/models/softmax:predict", Map.of("instances", TestServer.nhw(DIGITS, 3)));
    assertThat(rows.status()).as(rows.body()).isEqualTo(200);
    JsonNode predictions = rows.json().get("predictions");
    assertThat(predictions).hasSize(3);
    assertThat(predictions.get(0)).hasSize(10); // one output: plain lists, no names
    assertThat(List.of(argMax(predictions.get(0)), argMax(predictions.get(1)), argMax(predictions.get(2))))
        .containsExactly(7, 2, 1);

    Response columns = server.post("/v1/models/softmax:predict", Map.of("inputs", TestServer.nhw(DIGITS, 3)));
    assertThat(columns.json().get("outputs")).isEqualTo(predictions);
  }

  @Test
  void predictsWithBothSignaturesOfTheKerasConvModel() {
    Response dflt = server.post("/v1/models/conv:predict", Map.of("instances", TestServer.nhwc(DIGITS, 3)));
    Response serve = server.post("/v1/models/conv/versions/1:predict",
        Map.of("signature_name", "serve", "inputs", Map.of("keras_tensor", TestServer.nhwc(DIGITS, 3))));
    assertThat(dflt.status()).as(dflt.body()).isEqualTo(200);
    assertThat(serve.status()).as(serve.body()).isEqualTo(200);
    assertThat(argMax(dflt.json().at("/predictions/0"))).isEqualTo(7);
    assertThat(argMax(serve.json().at("/outputs/2"))).isEqualTo(1);
  }

  @Test
  void takesBase64AndPlainStringsAndReturnsBytesOutputsAsBase64() {
    String b64 = Base64.getEncoder().encodeToString("héllo".getBytes(StandardCharsets.UTF_8));
    Response r = server.post("/v1/models/strings:predict", Map.of("instances", List.of(Map.of("b64", b64), "abc")));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().at("/predictions/0/length").asInt()).isEqualTo(6);
    assertThat(r.json().at("/predictions/0/echo_bytes/b64").asText()).isEqualTo(b64);
    assertThat(r.json().at("/predictions/1/length").asInt()).isEqualTo(3);
  }

  static double sum(JsonNode values) {
    double s = 0;
    for (JsonNode v : values) {
      s += v.asDouble();
    }
    return s;
  }

  static int argMax(JsonNode values) {
    int best = 0;
    for (int i = 1; i < values.size(); i++) {
      if (values.get(i).asDouble() > values.get(best).asDouble()) {
        best = i;
      }
    }
    return best;
  }
}
