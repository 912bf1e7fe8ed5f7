package dev.tfj.trainer.data;

import static dev.tfj.trainer.data.IdxFixtures.gzip;
import static dev.tfj.trainer.data.IdxFixtures.images;
import static dev.tfj.trainer.data.IdxFixtures.labels;
import static dev.tfj.trainer.data.IdxFixtures.prefix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

  @TempDir Path dir;

  private Path write(String name, byte[] content) throws IOException {
    return Files.write(dir.resolve(name), content);
  }

  @Test
  void readsRawImageFile() throws IOException {
    Path file = write("images-idx3-ubyte", images(2, 3, 4));

    IdxReader.Images images = IdxReader.readImages(file);

    assertThat(images.count()).isEqualTo(2);
    assertThat(images.rows()).isEqualTo(3);
    assertThat(images.cols()).isEqualTo(4);
    assertThat(images.pixels()).isEqualTo(IdxFixtures.ramp(24));
  }

  @Test
  void readsGzipImageFileWithUnsignedPixels() throws IOException {
    Path images = write("images.gz", gzip(images(1, 16, 16)));
    Path labels = write("labels.gz", gzip(labels(4)));

    ImageSet set = IdxReader.read(images, labels);

    assertThat(set.count()).isEqualTo(1);
    assertThat(set.pixel(255)).isEqualTo(255);
    assertThat(set.pixel(0, 15, 15)).isEqualTo(255);
    assertThat(set.pixel(0, 1, 2)).isEqualTo(18);
    assertThat(set.label(0)).isEqualTo(4);
  }

  @Test
  void detectsGzipByContentNotByName() throws IOException {
    Path gzipWithoutSuffix = write("labels-idx1-ubyte", gzip(labels(1, 2, 3)));
    Path rawWithGzSuffix = write("labels-idx1-ubyte.gz", labels(4, 5));

    assertThat(IdxReader.readLabels(gzipWithoutSuffix)).containsExactly(1, 2, 3);
    assertThat(IdxReader.readLabels(rawWithGzSuffix)).containsExactly(4, 5);
  }

  @Test
  void readsGoldenTinyFiles() throws URISyntaxException {
    Path images = TestData.golden("tiny-images-idx3-ubyte");
    Path labels = TestData.golden("tiny-labels-idx1-ubyte.gz");

    ImageSet set = IdxReader.read(images, labels);

    assertThat(set.count()).isEqualTo(3);
    assertThat(set.rows()).isEqualTo(2);
    assertThat(set.cols()).isEqualTo(3);
    assertThat(set.pixel(0, 0, 0)).isZero();
    assertThat(set.pixel(1, 1, 2)).isEqualTo(16 + 40 * 5);
    assertThat(set.pixel(2, 1, 2)).isEqualTo((32 + 40 * 5) % 256);
    assertThat(set.label(0)).isEqualTo(7);
    assertThat(set.label(1)).isZero();
    assertThat(set.label(2)).isEqualTo(9);
  }

  @Test
  void rejectsTruncatedImageFile() throws IOException {
    Path file = write("train-images-idx3-ubyte", prefix(images(2, 3, 3), 16 + 5));

    assertThatThrownBy(() -> IdxReader.readImages(file))
        .isInstanceOf(DatasetException.class)
        .hasMessage(file + ": truncated: expected 18 pixel bytes after the header, found 5");
  }

  @Test
  void rejectsTruncatedGzipStream() throws IOException {
    byte[] compressed = gzip(images(50, 28, 28));
    Path file = write("train-images-idx3-ubyte.gz", prefix(compressed, compressed.length / 2));

    assertThatThrownBy(() -> IdxReader.readImages(file))
        .isInstanceOf(DatasetException.class)
        .hasMessageStartingWith(file + ": truncated");
  }

  @Test
  void rejectsTruncatedHeader() throws IOException {
    Path file = write("labels", prefix(labels(1, 2), 6));

    assertThatThrownBy(() -> IdxReader.readLabels(file))
        .hasMessage(file + ": truncated: the label file header needs 8 bytes, found 6");
  }

  @Test
  void rejectsLabelFileGivenAsImages() throws IOException {
    Path file = write("t10k-labels-idx1-ubyte", labels(1, 2));

    assertThatThrownBy(() -> IdxReader.readImages(file))
        .isInstanceOf(DatasetException.class)
        .hasMessage(file + ": not an IDX image file: magic 0x00000801 (that of an IDX label file), expected 0x00000803");
  }

  @Test
  void rejectsUnknownMagic() throws IOException {
    Path file = write("notes.txt", "hello, world\n and more text".getBytes());

    assertThatThrownBy(() -> IdxReader.readLabels(file))
        .hasMessage(file + ": not an IDX label file: magic 0x68656c6c, expected 0x00000801");
  }

  @Test
  void rejectsNonPositiveOrHugeDimensions() throws IOException {
    Path zeroRows = write("zero", images(IdxReader.IMAGE_MAGIC, 1, 0, 28, new byte[0]));
    Path hugeCols = write("huge", images(IdxReader.IMAGE_MAGIC, 1, 28, 100_000, new byte[0]));
    Path negativeCount = write("negative", images(IdxReader.IMAGE_MAGIC, -5, 28, 28, new byte[0]));
    Path tooMany = write("many", images(IdxReader.IMAGE_MAGIC, 1 << 30, 28, 28, new byte[0]));

    assertThatThrownBy(() -> IdxReader.readImages(zeroRows)).hasMessageContaining("image size 0x28 must be within");
    assertThatThrownBy(() -> IdxReader.readImages(hugeCols)).hasMessageContaining("image size 28x100000");
    assertThatThrownBy(() -> IdxReader.readImages(negativeCount)).hasMessageContaining("image count -5");
    assertThatThrownBy(() -> IdxReader.readImages(tooMany)).hasMessageContaining("more than one array holds");
  }

  @Test
  void rejectsLabelOutOfRange() throws IOException {
    Path file = write("labels", labels(3, 9, 10, 1));

    assertThatThrownBy(() -> IdxReader.readLabels(file))
        .hasMessage(file + ": label 10 at index 2 is outside 0..9");
  }

  @Test
  void treatsHighByteLabelsAsUnsigned() throws IOException {
    Path file = write("labels", labels(0, 200));

    assertThatThrownBy(() -> IdxReader.readLabels(file)).hasMessageContaining("label 200 at index 1");
  }

  @Test
  void rejectsMismatchedCountsNamingBothFiles() throws IOException {
    Path images = write("train-images-idx3-ubyte", images(3, 2, 2));
    Path labels = write("train-labels-idx1-ubyte", labels(1, 2));

    assertThatThrownBy(() -> IdxReader.read(images, labels))
        .isInstanceOf(DatasetException.class)
        .hasMessage(images + " holds 3 images but " + labels + " holds 2 labels; they must match");
  }

  @Test
  void acceptsTrailingBytesAfterTheAnnouncedData() throws IOException {
    byte[] content = images(1, 2, 2);
    byte[] padded = java.util.Arrays.copyOf(content, content.length + 7);
    Path file = write("padded", padded);

    assertThat(IdxReader.readImages(file).pixels()).hasSize(4);
  }

  @Test
  void reportsMissingFile() {
    Path file = dir.resolve("absent-idx1-ubyte.gz");

    assertThatThrownBy(() -> IdxReader.readLabels(file)).hasMessage(file + ": no such file");
  }

  @Test
  void validatePicksTheKindByMagic() throws IOException {
    Path images = write("a", gzip(images(2, 2, 2)));
    Path badLabels = write("b", gzip(labels(1, 11)));

    IdxReader.validate(images);
    assertThatThrownBy(() -> IdxReader.validate(badLabels)).hasMessageContaining("label 11");
  }

  @Test
  void errorMessagesAreOneLine() {
    assertThat(new DatasetException("first\nsecond\r\n  third").getMessage()).isEqualTo("first second third");
  }
}
