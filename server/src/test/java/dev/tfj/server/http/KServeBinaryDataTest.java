package dev.tfj.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tfj.inference.testing.TestBundles;
import dev.tfj.inference.testing.TestData;
import dev.tfj.server.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** KServe v2's binary tensor data extension over REST: the same answers as JSON, and clear 400s for bad lengths. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KServeBinaryDataTest {

  private static final float[] TWO = Arrays.copyOf(TestData.mnistTestImages(2), 2 * 784); // our random test bundle calls them 4 and 9
  private static final String HEADER = "Inference-Header-Content-Length";

  private TestServer server;
  private final HttpClient client = HttpClient.newHttpClient();

  @BeforeAll
  void start(@TempDir Path base) throws Exception {
    TestBundles.exportOurs(base, "mnist", 1, 11);
    server = TestServer.start(base, ServerConfig.defaults().withPollInterval(Duration.ZERO));
  }

  @AfterAll
  void stop() {
    server.close();
  }

  @Test
  void listsTheExtension() {
    assertThat(server.get("/v2").json().get("extensions").toString()).isEqualTo("[\"binary_tensor_data\"]");
  }

  @Test
  void binaryInputsAndOutputsCarryTheSameValuesAsJson() throws Exception {
    JsonNode json = server.post("/v2/models/mnist/infer", Map.of(
        "inputs", List.of(Map.of("name", "images", "shape", List.of(2, 28, 28, 1), "datatype", "FP32", "data", TWO)),
        "outputs", List.of(Map.of("name", "probabilities"), Map.of("name", "classes")))).json();
    float[] jsonProbabilities = floats(json.at("/outputs/0/data"));
    assertThat(json.at("/outputs/1/data").toString()).isEqualTo("[4,9]");

    for (String path : List.of("/v2/models/mnist/infer", "/v2/models/mnist/versions/1/infer")) {
      String header = """
          {"inputs":[{"name":"images","shape":[2,28,28,1],"datatype":"FP32","parameters":{"binary_data_size":6272}}],\
          "outputs":[{"name":"probabilities","parameters":{"binary_data":true}},{"name":"classes"}]}""";
      HttpResponse<byte[]> r = send(path, header, littleEndian(TWO), Integer.toString(header.length()));
      assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
      int jsonLength = Integer.parseInt(r.headers().firstValue(HEADER).orElseThrow());
      JsonNode answer = TestServer.JSON.readTree(Arrays.copyOf(r.body(), jsonLength));
      assertThat(answer.at("/outputs/0").toString()).isEqualTo(
          "{\"name\":\"probabilities\",\"shape\":[2,10],\"datatype\":\"FP32\",\"parameters\":{\"binary_data_size\":80}}");
      assertThat(answer.at("/outputs/1/data").toString()).isEqualTo("[4,9]");
      assertThat(r.body().length).isEqualTo(jsonLength + 80);
      float[] binary = new float[20];
      ByteBuffer.wrap(r.body(), jsonLength, 80).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(binary);
      assertThat(binary).containsExactly(jsonProbabilities);
    }

    String allBinary = """
        {"parameters":{"binary_data_output":true},"inputs":[{"name":"images","shape":[2,28,28,1],\
        "datatype":"FP32","parameters":{"binary_data_size":6272}}],"outputs":[{"name":"classes"}]}""";
    HttpResponse<byte[]> classes =
        send("/v2/models/mnist/infer", allBinary, littleEndian(TWO), Integer.toString(allBinary.length()));
    int jsonLength = Integer.parseInt(classes.headers().firstValue(HEADER).orElseThrow());
    ByteBuffer tail = ByteBuffer.wrap(classes.body(), jsonLength, 16).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(List.of(tail.getLong(), tail.getLong())).containsExactly(4L, 9L);
  }

  @Test
  void badLengthsAre400sThatSayWhatIsWrong() throws Exception {
    String header = """
        {"inputs":[{"name":"images","shape":[2,28,28,1],"datatype":"FP32","parameters":{"binary_data_size":6272}}]}""";
    byte[] pixels = littleEndian(TWO);
    int length = header.length();
    assertError(send("/v2/models/mnist/infer", header, pixels, "abc"),
        "Inference-Header-Content-Length must be a byte count, got 'abc'");
    assertError(send("/v2/models/mnist/infer", header, pixels, "99999"),
        "Inference-Header-Content-Length is 99999 but the request body has " + (length + 6272) + " bytes");
    assertError(send("/v2/models/mnist/infer", header, Arrays.copyOf(pixels, 6000), Integer.toString(length)),
        "input 'images' has binary_data_size 6272 but 6000 bytes of binary data are left after the JSON header");
    assertError(send("/v2/models/mnist/infer", header, Arrays.copyOf(pixels, 6280), Integer.toString(length)),
        "8 bytes of binary data follow the inputs' binary_data_size total of 6272 bytes");
    assertError(send("/v2/models/mnist/infer", header, pixels, Integer.toString(length - 1)),
        "malformed JSON: Unexpected end-of-input: expected close marker for Object");
    String twice = header.replace("\"parameters\"", "\"data\":[0.5],\"parameters\"");
    assertError(send("/v2/models/mnist/infer", twice, pixels, Integer.toString(twice.length())),
        "input 'images' has both \"data\" and binary_data_size");
  }

  private void assertError(HttpResponse<byte[]> r, String messageStart) throws Exception {
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(TestServer.JSON.readTree(r.body()).get("error").asText()).startsWith(messageStart);
  }

  private HttpResponse<byte[]> send(String path, String json, byte[] binary, String headerLength) throws Exception {
    byte[] head = json.getBytes(StandardCharsets.UTF_8);
    byte[] body = Arrays.copyOf(head, head.length + binary.length);
    System.arraycopy(binary, 0, body, head.length, binary.length);
    return client.send(HttpRequest.newBuilder(URI.create(server.url(path)))
            .header(HEADER, headerLength)
            .header("Content-Type", "application/octet-stream")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private static byte[] littleEndian(float[] values) {
    ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    buf.asFloatBuffer().put(values);
    return buf.array();
  }

  private static float[] floats(JsonNode array) {
    List<Float> values = new ArrayList<>();
    array.forEach(v -> values.add(v.floatValue()));
    float[] out = new float[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i);
    }
    return out;
  }
}
