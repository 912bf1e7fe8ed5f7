package dev.tfj.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tfj.inference.testing.Images;
import dev.tfj.inference.testing.TestData;
import dev.tfj.server.testing.TestServer;
import dev.tfj.server.testing.TestServer.Response;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The image endpoint: pictures of real MNIST digits, drawn large, dark on light, in colour. */
class ImageApiTest {

  @TempDir static Path base;
  static TestServer server;
  static final float[] DIGITS = TestData.mnistTestImages(3);
  static final float[] SEVEN = Arrays.copyOfRange(DIGITS, 0, 784);
  static final float[] TWO = Arrays.copyOfRange(DIGITS, 784, 2 * 784);

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.withThreeModels(base);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void readsADarkDigitOnWhitePaperAsPng() {
    byte[] png = Images.encode(
        Images.draw(SEVEN, 300, 240, 60, 10, 8, Color.BLACK, Color.WHITE, BufferedImage.TYPE_BYTE_GRAY), "png");
    for (String model : new String[] {"conv", "softmax"}) {
      Response r = server.postBytes("/api/models/" + model + "/image", "image/png", png);
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      assertThat(r.json().get("digit").asInt()).as(model).isEqualTo(7);
      assertThat(r.json().get("model").asText()).isEqualTo(model);
      assertThat(r.json().get("version").asText()).isEqualTo("1");
      assertThat(r.json().get("probabilities")).hasSize(10);
      assertThat(TfServingApiTest.sum(r.json().get("probabilities"))).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-3));
    }
  }

  @Test
  void readsAColourJpegAndShowsThePixelsItUsed() {
    byte[] jpeg = Images.encode(
        Images.draw(TWO, 120, 160, 5, 30, 4, new Color(30, 40, 160), new Color(250, 240, 190), BufferedImage.TYPE_INT_RGB),
        "jpg");
    Response r = server.postBytes("/api/models/conv/versions/1/image?pixels=true", "image/jpeg", jpeg);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().get("digit").asInt()).isEqualTo(2);
    JsonNode pixels = r.json().get("pixels");
    assertThat(pixels).hasSize(28);
    assertThat(pixels.get(0)).hasSize(28);
  }

  @Test
  void acceptsAMultipartUploadAndAnyModelWithTenScores() {
    byte[] png = Images.encode(Images.draw(SEVEN, 28, 28, 0, 0, 1, Color.WHITE, Color.BLACK, BufferedImage.TYPE_INT_RGB), "png");
    String boundary = "tfjboundary";
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"seven.png\"\r\n"
        + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    body.writeBytes(png);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
    Response r = server.send(HttpRequest.newBuilder(URI.create(server.url("/api/models/mnist/image")))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
        .build());
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().get("probabilities")).hasSize(10); // our test bundle has random weights: any digit
  }

  @Test
  void rejectsBlankPicturesAndBytesThatAreNoImage() {
    BufferedImage white = Images.draw(new float[784], 40, 40, 0, 0, 1, Color.BLACK, Color.WHITE, BufferedImage.TYPE_INT_RGB);
    Response blank = server.postBytes("/api/models/conv/image", "image/png", Images.encode(white, "png"));
    assertThat(blank.status()).isEqualTo(400);
    assertThat(blank.json().get("error").asText()).contains("blank");
    Response junk = server.postBytes("/api/models/conv/image", "image/png", "not an image".getBytes());
    assertThat(junk.status()).isEqualTo(400);
    assertThat(junk.json().get("error").asText()).contains("not a PNG or JPEG");
    assertThat(server.postBytes("/api/models/conv/image", "image/png", new byte[0]).status()).isEqualTo(400);
    byte[] png = Images.encode(Images.draw(SEVEN, 28, 28, 0, 0, 1, Color.WHITE, Color.BLACK, BufferedImage.TYPE_INT_RGB), "png");
    assertThat(server.postBytes("/api/models/nope/image", "image/png", png).status()).isEqualTo(404);
  }
}
