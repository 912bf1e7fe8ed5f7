package dev.tfj.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tfj.inference.testing.TestBundles;
import dev.tfj.server.testing.TestServer;
import dev.tfj.server.testing.TestServer.Response;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Number literals too big for a double are refused with TF Serving's message on every JSON endpoint that
 * takes tensors, in every request format; {@code NaN} and {@code Infinity}, TF Serving's extension, are not.
 * So are numbers a float input cannot hold ({@code 1e39}, integers beyond 2^24 - 1), with TF Serving's
 * "Cannot convert JSON value: ... to float without loss of precision."
 */
class NumberRangeTest {

  private static final String TOO_BIG = "Number too big to be stored in double";
  private static final String BIG_INTEGER = "1" + "0".repeat(400);

  @TempDir static Path base;
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    TestBundles.exportOurs(base, "mnist", 1, 11);
    server = TestServer.start(base, ServerConfig.defaults().withPollInterval(Duration.ZERO));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void refusesHugeNumbersInRowFormat() {
    for (String big : new String[] {"1e309", "1e400", "-1e309", "1.5E+999", BIG_INTEGER}) {
      assertTooBig(predict("{\"instances\": [" + image(big) + "]}"), big);
    }
    assertTooBig(predict("{\"signature_name\": \"serving_default\", \"instances\": [" + image("1e309") + "]}"), "1e309");
  }

  @Test
  void refusesHugeNumbersInNamedRows() {
    assertTooBig(predict("{\"instances\": [{\"images\": " + image("-1e400") + "}]}"), "-1e400");
  }

  @Test
  void refusesHugeNumbersInColumnarFormat() {
    assertTooBig(predict("{\"inputs\": [" + image("1e309") + "]}"), "1e309");
    assertTooBig(predict("{\"inputs\": {\"images\": [" + image("1e400") + "]}}"), "1e400");
  }

  @Test
  void refusesHugeNumbersInOpenInferenceRequests() {
    String body = "{\"inputs\": [{\"name\": \"images\", \"datatype\": \"FP32\", \"shape\": [1, 28, 28, 1], "
        + "\"data\": " + image("1e309") + "}]}";
    assertTooBig(server.post("/v2/models/mnist/infer", body), "1e309");
    assertTooBig(server.post("/v2/models/mnist/versions/1/infer", body.replace("1e309", "-1e309")), "-1e309");
  }

  @Test
  void refusesHugeNumbersBeforeSayingClassifyIsUnsupported() {
    assertTooBig(server.post("/v1/models/mnist:classify", "{\"examples\": [{\"x\": 1e309}]}"), "1e309");
    assertTooBig(server.post("/v1/models/mnist:regress", "{\"examples\": [{\"x\": 1e400}]}"), "1e400");
  }

  @Test
  void acceptsNanAndInfinityWordsAndNumbersNearTheLimit() {
    for (String value : new String[] {"NaN", "Infinity", "-Infinity", "3.4028234e38", "1e-400"}) {
      Response r = predict("{\"instances\": [" + image(value) + "]}");
      assertThat(r.status()).as(value + ": " + r.body()).isEqualTo(200);
      r = predict("{\"inputs\": {\"images\": [" + image(value) + "]}}");
      assertThat(r.status()).as(value + ": " + r.body()).isEqualTo(200);
    }
  }

  @Test
  void leavesStringsThatLookLikeHugeNumbersAlone() {
    Response r = predict("{\"instances\": [{\"b64\": \"MWUzMDk=\"}], \"signature_name\": \"1e309\"}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("error").asText()).doesNotContain(TOO_BIG);
  }

  @Test
  void refusesNumbersBeyondAFloatForAFloatInput() {
    // TF Serving's IsLosslessDecimal<float>: finite doubles beyond FLT_MAX, integer literals beyond 2^24 - 1
    assertError(predict("{\"instances\": [" + image("1e39") + "]}"),
        "instances[0][0][0][0]: Cannot convert JSON value: 1e+39 to float without loss of precision.");
    assertError(predict("{\"instances\": [" + image("-3.5e38") + "]}"),
        "instances[0][0][0][0]: Cannot convert JSON value: -3.5e+38 to float without loss of precision.");
    assertError(predict("{\"instances\": [" + image("3.4028235e38") + "]}"),
        "instances[0][0][0][0]: Cannot convert JSON value: 3.4028234999999999e+38 to float without loss of"
            + " precision.");
    assertError(predict("{\"instances\": [" + image("1.7976931348623157e308") + "]}"),
        "instances[0][0][0][0]: Cannot convert JSON value: 1.7976931348623157e+308 to float without loss of"
            + " precision.");
    assertError(predict("{\"instances\": [" + image("16777216") + "]}"),
        "instances[0][0][0][0]: Cannot convert JSON value: 16777216 to float without loss of precision.");
    assertError(predict("{\"instances\": [{\"images\": " + image("1e39") + "}]}"),
        "instances[0].images[0][0][0]: Cannot convert JSON value: 1e+39 to float without loss of precision.");
    assertError(predict("{\"inputs\": [" + image("1e39") + "]}"),
        "inputs[0][0][0][0]: Cannot convert JSON value: 1e+39 to float without loss of precision.");
    assertError(predict("{\"inputs\": {\"images\": [" + image("-1e39") + "]}}"),
        "inputs.images[0][0][0][0]: Cannot convert JSON value: -1e+39 to float without loss of precision.");
  }

  @Test
  void refusesNumbersBeyondAFloatInOpenInferenceFp32() {
    String body = "{\"inputs\": [{\"name\": \"images\", \"datatype\": \"FP32\", \"shape\": [1, 28, 28, 1], "
        + "\"data\": " + image("1e39") + "}]}";
    assertError(server.post("/v2/models/mnist/infer", body),
        "inputs.images.data[0][0][0]: Cannot convert JSON value: 1e+39 to float without loss of precision.");
  }

  @Test
  void refusesFeatureValuesBeyondAFloatBeforeSayingClassifyIsUnsupported() {
    assertError(server.post("/v1/models/mnist:classify", "{\"examples\": [{\"x\": [0.5, 1e39]}]}"),
        "Cannot convert JSON value: 1e+39 to float without loss of precision.");
    assertError(server.post("/v1/models/mnist:regress", "{\"context\": {\"y\": -2e39}, \"examples\": [{}]}"),
        "Cannot convert JSON value: -2e+39 to float without loss of precision.");
    // integers go into an int64 list in TF Serving's Examples: no float limit
    Response r = server.post("/v1/models/mnist:classify", "{\"examples\": [{\"x\": 16777217}]}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("error").asText()).contains("not supported");
  }

  @Test
  void acceptsNumbersAFloatHolds() {
    for (String value : new String[] {"3.4028234e38", "-3.4028234e38", "16777215", "-16777215", "16777216.0",
        "1e-50", "100000000000000000000"}) {
      Response r = predict("{\"instances\": [" + image(value) + "]}");
      assertThat(r.status()).as(value + ": " + r.body()).isEqualTo(200);
      r = predict("{\"inputs\": {\"images\": [" + image(value) + "]}}");
      assertThat(r.status()).as(value + ": " + r.body()).isEqualTo(200);
    }
  }

  private static void assertError(Response r, String message) {
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.json().get("error").asText()).isEqualTo(message);
  }

  private static Response predict(String body) {
    return server.post("/v1/models/mnist:predict", body);
  }

  /** One 28x28x1 image of zeros as nested lists, its first pixel written as {@code first}. */
  private static String image(String first) {
    String pixel = "[0.5]";
    String row = "[" + String.join(", ", Collections.nCopies(28, pixel)) + "]";
    String rows = String.join(", ", Collections.nCopies(28, row));
    return ("[" + rows + "]").replaceFirst("0\\.5", first);
  }

  private static void assertTooBig(Response r, String literal) {
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    String shown = literal.length() > 40 ? literal.substring(0, 40) : literal;
    assertThat(r.json().get("error").asText()).contains(TOO_BIG).contains(shown);
  }
}
