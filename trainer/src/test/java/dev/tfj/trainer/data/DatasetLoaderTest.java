package dev.tfj.trainer.data;

import static dev.tfj.trainer.data.IdxFixtures.gzip;
import static dev.tfj.trainer.data.IdxFixtures.images;
import static dev.tfj.trainer.data.IdxFixtures.labels;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tfj.trainer.data.internal.Sha256;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetLoaderTest {

  @TempDir Path dir;

  @Test
  void loadsRealMnistWithProvenance() throws IOException {
    Path mnist = TestData.mnist();

    Dataset dataset = DatasetLoader.load(mnist);

    assertThat(dataset.name()).isEqualTo("mnist");
    assertThat(dataset.train().count()).isEqualTo(60000);
    assertThat(dataset.test().count()).isEqualTo(10000);
    assertThat(dataset.train().rows()).isEqualTo(28);
    assertThat(dataset.train().cols()).isEqualTo(28);
    assertThat(dataset.test().label(0)).isEqualTo(7);
    assertThat(dataset.train().labels()).startsWith(5, 0, 4, 1, 9, 2, 1, 3, 1, 4);
    assertThat(dataset.test().labels()).startsWith(7, 2, 1, 0, 4, 1, 4, 9, 5, 9);
    // Row 14 of the first training image (a 5), as Python's gzip reads the IDX file.
    int[] row14 = new int[28];
    for (int c = 0; c < 28; c++) {
      row14[c] = dataset.train().pixel(0, 14, c);
    }
    assertThat(row14).containsExactly(
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 81, 240, 253, 253, 119, 25, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    assertThat(unsignedSum(dataset.train().pixels())).isEqualTo(1_567_298_545L);
    assertThat(unsignedSum(dataset.test().pixels())).isEqualTo(264_923_200L);
    assertThat(HexFormat.of().formatHex(sha256(dataset.train().pixels())))
        .isEqualTo("741c988805d008ac6e4c904b69001ba184c24b2c540a4ef403f4c71b676cf757");
    assertThat(dataset.info().trainSize()).isEqualTo(60000);
    assertThat(dataset.info().testSize()).isEqualTo(10000);
    assertThat(dataset.info().files()).isEqualTo(DatasetSpec.MNIST.sha256());
    assertThat(dataset.info().files().keySet())
        .containsExactly(DatasetSpec.TEST_IMAGES, DatasetSpec.TEST_LABELS, DatasetSpec.TRAIN_IMAGES,
            DatasetSpec.TRAIN_LABELS);
    assertThat(dataset.info().sha256()).isEqualTo(sumOfSums(dataset.info().files()));
  }

  @Test
  void loadsIdxLayoutWithRawGzipAndDottedNames() throws IOException {
    Files.write(dir.resolve("train-images.idx3-ubyte"), images(3, 2, 2));
    Files.write(dir.resolve("train-labels.idx1-ubyte"), labels(1, 2, 3));
    Files.write(dir.resolve("t10k-images-idx3-ubyte.gz"), gzip(images(2, 2, 2)));
    Files.write(dir.resolve("t10k-labels-idx1-ubyte"), labels(9, 8));

    Dataset dataset = DatasetLoader.load(dir);

    assertThat(dataset.name()).isEqualTo(dir.getFileName().toString());
    assertThat(dataset.train().count()).isEqualTo(3);
    assertThat(dataset.test().label(1)).isEqualTo(8);
    assertThat(dataset.info().files().keySet()).containsExactly("t10k-images-idx3-ubyte.gz",
        "t10k-labels-idx1-ubyte", "train-images.idx3-ubyte", "train-labels.idx1-ubyte");
    assertThat(dataset.info().files().get("train-labels.idx1-ubyte"))
        .isEqualTo(Sha256.ofFile(dir.resolve("train-labels.idx1-ubyte")));
  }

  @Test
  void usesTheNameItIsGiven() throws IOException {
    Files.copy(TestData.golden("course/train.tar"), dir.resolve("train.tar"));
    Files.copy(TestData.golden("course/test.tar"), dir.resolve("test.tar"));

    assertThat(DatasetLoader.load(dir, "course").info().name()).isEqualTo("course");
  }

  @Test
  void loadsCourseTarLayoutSortedByIdAndConvertedToGray() throws IOException {
    Files.copy(TestData.golden("course/train.tar"), dir.resolve("train.tar"));
    Files.copy(TestData.golden("course/test.tar"), dir.resolve("test.tar"));

    Dataset dataset = DatasetLoader.load(dir);

    ImageSet train = dataset.train();
    assertThat(train.count()).isEqualTo(3);
    assertThat(train.rows()).isEqualTo(28);
    assertThat(train.labels()).containsExactly(7, 3, 1);
    assertThat(train.pixel(0, 0, 0)).as("palette checkerboard, even square").isZero();
    assertThat(train.pixel(0, 0, 1)).as("palette checkerboard, odd square").isEqualTo(255);
    assertThat(train.pixel(1, 2, 3)).as("8-bit gray kept as is").isEqualTo(10 + 6 + 15);
    assertThat(train.pixel(1, 27, 27)).isEqualTo((10 + 81 + 135) % 256);
    assertThat(train.pixel(2, 5, 5)).as("RGB 200,100,50 to luma").isEqualTo(124);
    ImageSet test = dataset.test();
    assertThat(test.labels()).containsExactly(0, 9);
    assertThat(test.pixel(1, 1, 12)).isEqualTo((200 + 3 + 60) % 256);
    assertThat(dataset.info().files().keySet()).containsExactly("test.tar", "train.tar");
    assertThat(dataset.info().sha256()).isEqualTo(sumOfSums(dataset.info().files()));
    assertThat(dataset.info().trainSize()).isEqualTo(3);
  }

  @Test
  void readsTarImagesUnderLongNames() throws IOException {
    Files.copy(TestData.golden("longname-gnu.tar"), dir.resolve("train.tar"));
    Files.copy(TestData.golden("longname-pax.tar"), dir.resolve("test.tar"));

    Dataset dataset = DatasetLoader.load(dir);

    assertThat(dataset.train().labels()).containsExactly(4);
    assertThat(dataset.test().labels()).containsExactly(5);
    assertThat(dataset.test().pixel(0, 0, 0)).isEqualTo(43);
  }

  @Test
  void rejectsPngThatIsNot28By28() throws IOException {
    writeTars(Map.of("imgs/7_1.png", TarFixtures.png(32, 32, BufferedImage.TYPE_BYTE_GRAY, 0xFFFFFF)));

    assertThatThrownBy(() -> DatasetLoader.load(dir))
        .isInstanceOf(DatasetException.class)
        .hasMessage(dir.resolve("train.tar") + ": entry imgs/7_1.png: image is 32x32, expected 28x28");
  }

  @Test
  void rejectsImageNameWithoutLabel() throws IOException {
    writeTars(Map.of("picture.png", TarFixtures.png(28, 28, BufferedImage.TYPE_BYTE_GRAY, 0)));

    assertThatThrownBy(() -> DatasetLoader.load(dir))
        .hasMessage(dir.resolve("train.tar") + ": entry picture.png: name is not <id>_<label>.png");
  }

  @Test
  void rejectsLabelThatIsNotADigit() throws IOException {
    writeTars(Map.of("3_12.png", TarFixtures.png(28, 28, BufferedImage.TYPE_BYTE_GRAY, 0)));

    assertThatThrownBy(() -> DatasetLoader.load(dir)).hasMessageContaining("label '12' is not a digit 0..9");
  }

  @Test
  void rejectsEntryThatIsNotAPng() throws IOException {
    writeTars(Map.of("3_1.png", "plain text".getBytes(StandardCharsets.US_ASCII)));

    assertThatThrownBy(() -> DatasetLoader.load(dir))
        .hasMessageStartingWith(dir.resolve("train.tar") + ": entry 3_1.png: not a readable PNG");
  }

  @Test
  void rejectsTarWithoutImages() throws IOException {
    writeTars(Map.of("notes.txt", new byte[3]));

    assertThatThrownBy(() -> DatasetLoader.load(dir))
        .hasMessage(dir.resolve("train.tar") + ": no <id>_<label>.png images found");
  }

  @Test
  void reportsMissingIdxFileWithWhatToDo() throws IOException {
    Files.write(dir.resolve("train-images-idx3-ubyte.gz"), gzip(images(1, 2, 2)));

    assertThatThrownBy(() -> DatasetLoader.load(dir))
        .isInstanceOf(MissingDataException.class)
        .hasMessage("missing train-labels-idx1-ubyte.gz (or train-labels-idx1-ubyte) in " + dir
            + " (expected the four IDX files, or train.tar and test.tar)");
  }

  @Test
  void reportsMissingTestTar() throws IOException {
    Files.copy(TestData.golden("course/train.tar"), dir.resolve("train.tar"));

    assertThatThrownBy(() -> DatasetLoader.load(dir))
        .hasMessage("missing test.tar in " + dir + " (the tar layout needs both train.tar and test.tar)");
  }

  @Test
  void reportsMissingDirectory() {
    Path absent = dir.resolve("nowhere");

    assertThatThrownBy(() -> DatasetLoader.load(absent))
        .isInstanceOfSatisfying(MissingDataException.class, e -> assertThat(e.directory()).isEqualTo(absent))
        .hasMessage("data directory " + absent + " does not exist");
  }

  @Test
  void rejectsTrainAndTestOfDifferentSizes() throws IOException {
    Files.write(dir.resolve("train-images-idx3-ubyte"), images(1, 2, 2));
    Files.write(dir.resolve("train-labels-idx1-ubyte"), labels(1));
    Files.write(dir.resolve("t10k-images-idx3-ubyte"), images(1, 3, 3));
    Files.write(dir.resolve("t10k-labels-idx1-ubyte"), labels(1));

    assertThatThrownBy(() -> DatasetLoader.load(dir)).hasMessageContaining("2x2 images but")
        .hasMessageContaining("3x3 images; they must match");
  }

  private void writeTars(Map<String, byte[]> trainFiles) throws IOException {
    Files.write(dir.resolve("train.tar"), TarFixtures.tar(new LinkedHashMap<>(trainFiles)));
    Files.copy(TestData.golden("course/test.tar"), dir.resolve("test.tar"));
  }

  private static long unsignedSum(byte[] pixels) {
    long sum = 0;
    for (byte b : pixels) {
      sum += b & 0xFF;
    }
    return sum;
  }

  private static byte[] sha256(byte[] data) throws IOException {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IOException(e);
    }
  }

  /** SHA-256 over the per-file hex sums in file-name order, computed independently of the code under test. */
  private static String sumOfSums(Map<String, String> files) throws IOException {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      new TreeMap<>(files).values().forEach(sum -> digest.update(sum.getBytes(StandardCharsets.US_ASCII)));
      return HexFormat.of().formatHex(digest.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IOException(e);
    }
  }
}
