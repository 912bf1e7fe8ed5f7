package dev.tfj.inference.warmup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tfj.inference.DType;
import dev.tfj.inference.HostTensor;
import dev.tfj.inference.LoadedModel;
import dev.tfj.inference.SessionThreads;
import dev.tfj.inference.testing.TestBundles;
import dev.tfj.inference.testing.TestData;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WarmupFileTest {

  @TempDir Path dir;

  @Test
  void masksCrc32cAsTensorFlowDoes() {
    byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
    int crc = 0xE3069283; // CRC-32C's published check value for "123456789"
    assertThat(TfRecords.maskedCrc(check, 0, check.length)).isEqualTo(((crc >>> 15) | (crc << 17)) + 0xa282ead8);
  }

  @Test
  void framesRecordsAndRejectsCorruptOrTruncatedOnes() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TfRecords.write(out, new byte[] {1, 2, 3});
    TfRecords.write(out, new byte[0]);
    byte[] file = out.toByteArray();
    assertThat(file).hasSize(16 + 3 + 16);
    assertThat(file[0]).isEqualTo((byte) 3);

    ByteArrayInputStream in = new ByteArrayInputStream(file);
    assertThat(TfRecords.read(in, 100)).containsExactly(1, 2, 3);
    assertThat(TfRecords.read(in, 100)).isEmpty();
    assertThat(TfRecords.read(in, 100)).isNull();

    byte[] flipped = file.clone();
    flipped[13] ^= 1;
    assertThatThrownBy(() -> TfRecords.read(new ByteArrayInputStream(flipped), 100))
        .hasMessage("corrupt record: the data's checksum does not match");
    assertThatThrownBy(() -> TfRecords.read(new ByteArrayInputStream(file, 0, 17), 100))
        .hasMessage("truncated record");
    assertThatThrownBy(() -> TfRecords.read(new ByteArrayInputStream(file), 2))
        .hasMessage("record of 3 bytes exceeds the limit of 2");
  }

  @Test
  void writesPredictRequestsThatReadBackEqual() throws IOException {
    float[] images = TestData.mnistTestImages(4);
    Map<String, HostTensor> two = new LinkedHashMap<>();
    two.put("images", HostTensor.floats(new long[] {4, 28, 28, 1}, images));
    two.put("names", new HostTensor(DType.STRING, new long[] {2}, new byte[][] {"a".getBytes(), new byte[0]}));
    List<WarmupFile.Request> requests = List.of(
        new WarmupFile.Request("serving_default", Map.of("images", HostTensor.floats(new long[] {1, 28, 28, 1},
            java.util.Arrays.copyOf(images, 784)))),
        new WarmupFile.Request("", two));

    Path file = WarmupFile.write(dir, "lenet5", requests);

    assertThat(file).isEqualTo(dir.resolve("assets.extra/tf_serving_warmup_requests"));
    assertThat(WarmupFile.find(dir)).contains(file);
    assertThat(WarmupFile.read(file)).isEqualTo(requests);
    try (var left = Files.list(file.getParent())) {
      assertThat(left.toList()).containsExactly(file);
    }
  }

  @Test
  void sayWhichRecordIsNotAPredictionLog() throws IOException {
    Path file = dir.resolve("warmup");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TfRecords.write(out, new byte[] {(byte) 0x0a, 5, 1}); // field 1, length 5, but one byte follows
    Files.write(file, out.toByteArray());
    assertThatThrownBy(() -> WarmupFile.read(file))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("record 1 is not a PredictionLog: ");
  }

  @Test
  void aModelWithAWarmupFileReplaysItAndFailsWhenARequestFails() throws IOException {
    Path good = TestBundles.exportOurs(dir, "good", 1, 11);
    WarmupFile.write(good, "good", List.of(new WarmupFile.Request("",
        Map.of("images", HostTensor.floats(new long[] {2, 28, 28, 1}, TestData.mnistTestImages(2))))));
    Path bad = TestBundles.exportOurs(dir, "bad", 1, 11);
    WarmupFile.write(bad, "bad", List.of(new WarmupFile.Request("serving_default",
        Map.of("pixels", HostTensor.floats(new long[] {1, 784}, new float[784])))));

    try (LoadedModel model = LoadedModel.load(good, SessionThreads.defaults())) {
      model.warmUp();
    }
    try (LoadedModel model = LoadedModel.load(bad, SessionThreads.defaults())) {
      assertThatThrownBy(model::warmUp)
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("warm-up request 1 of 1 in " + bad.resolve(WarmupFile.PATH) + " failed: unknown input 'pixels'"
              + " for signature 'serving_default'; its inputs are [images]");
    }
  }

  @Test
  void aForeignSavedModelWithAWarmupFileReplaysItToo() throws IOException {
    Path keras = TestData.copyForeign(TestData.KERAS_SOFTMAX, dir, "keras", 1);
    WarmupFile.write(keras, "keras", List.of(new WarmupFile.Request("serving_default",
        Map.of("flatten_input", HostTensor.floats(new long[] {3, 28, 28}, TestData.mnistTestImages(3))))));
    try (LoadedModel model = LoadedModel.load(keras, SessionThreads.defaults())) {
      model.warmUp();
    }
    WarmupFile.write(keras, "keras", List.of(new WarmupFile.Request("serving_default",
        Map.of("flatten_input", HostTensor.floats(new long[] {1, 784}, new float[784])))));
    try (LoadedModel model = LoadedModel.load(keras, SessionThreads.defaults())) {
      assertThatThrownBy(model::warmUp)
          .hasMessageEndingWith("failed: input 'flatten_input' has shape [1,784] but the signature expects"
              + " [-1,28,28] (-1 is any size)");
    }
  }
}
