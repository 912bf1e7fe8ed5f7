package dev.tfj.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tfj.trainer.data.internal.TarReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TarReaderTest {

  private static final String LONG_DIR = "a-folder-name-long-enough/".repeat(5);

  private static Map<String, byte[]> readAll(byte[] archive) throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    TarReader.read(new ByteArrayInputStream(archive), "test.tar", files::put);
    return files;
  }

  private static Map<String, byte[]> readGolden(String name) throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    try (InputStream in = Files.newInputStream(TestData.golden(name))) {
      TarReader.read(in, name, files::put);
    }
    return files;
  }

  @Test
  void readsGnuTarUstarArchiveInArchiveOrder() throws IOException {
    Map<String, byte[]> files = readGolden("course/train.tar");

    assertThat(files.keySet()).containsExactly(
        "train/0002_3.png", "train/0010_1.png", "train/0001_7.png", "train/._0001_7.png", "train/README.txt");
    assertThat(new String(files.get("train/README.txt"), StandardCharsets.US_ASCII)).isEqualTo("not an image\n");
    assertThat(files.get("train/0002_3.png")).hasSize(361).startsWith(0x89, 'P', 'N', 'G');
  }

  @Test
  void joinsUstarPrefixAndName() throws IOException {
    assertThat(readGolden("longname-ustar.tar").keySet()).containsExactly(LONG_DIR + "41_3.png");
  }

  @Test
  void readsGnuLongNames() throws IOException {
    assertThat(readGolden("longname-gnu.tar").keySet()).containsExactly(LONG_DIR + "42_4.png");
  }

  @Test
  void readsPaxPathRecords() throws IOException {
    assertThat(readGolden("longname-pax.tar").keySet()).containsExactly(LONG_DIR + "43_5.png");
  }

  @Test
  void readsArchiveBuiltInTestAndSkipsDirectories() throws IOException {
    byte[] dirHeader = TarFixtures.header("images/", 0, '5');
    byte[] files = TarFixtures.tar(Map.of("images/1_2.png", "abc".getBytes(StandardCharsets.US_ASCII)));
    byte[] archive = new byte[dirHeader.length + files.length];
    System.arraycopy(dirHeader, 0, archive, 0, dirHeader.length);
    System.arraycopy(files, 0, archive, dirHeader.length, files.length);

    Map<String, byte[]> read = readAll(archive);

    assertThat(read.keySet()).containsExactly("images/1_2.png");
    assertThat(read.get("images/1_2.png")).containsExactly('a', 'b', 'c');
  }

  @Test
  void acceptsArchiveWithoutClosingZeroBlocks() throws IOException {
    byte[] archive = TarFixtures.tar(Map.of("x", new byte[600]));
    byte[] unterminated = Arrays.copyOf(archive, archive.length - 1024);

    assertThat(readAll(unterminated).get("x")).hasSize(600);
  }

  @Test
  void rejectsArchiveCutInsideAnEntry() {
    byte[] archive = TarFixtures.tar(Map.of("big.png", new byte[2000]));
    byte[] cut = Arrays.copyOf(archive, 512 + 1000);

    assertThatThrownBy(() -> readAll(cut))
        .isInstanceOf(DatasetException.class)
        .hasMessage("test.tar: truncated: entry big.png needs 2000 bytes, found 1000");
  }

  @Test
  void rejectsArchiveCutInsideAHeader() {
    byte[] archive = TarFixtures.tar(Map.of("a", new byte[512]));
    byte[] cut = Arrays.copyOf(archive, 1024 + 100);

    assertThatThrownBy(() -> readAll(cut))
        .hasMessage("test.tar: truncated: header at offset 1024 has 100 of 512 bytes");
  }

  @Test
  void rejectsFilesThatAreNotTar() {
    byte[] png = TarFixtures.png(28, 28, java.awt.image.BufferedImage.TYPE_BYTE_GRAY, 0);
    byte[] notTar = Arrays.copyOf(png, 1024);

    assertThatThrownBy(() -> readAll(notTar))
        .isInstanceOf(DatasetException.class)
        .hasMessageStartingWith("test.tar: not a tar archive or corrupt header at offset 0");
  }

  @Test
  void rejectsCorruptHeaderChecksum() {
    byte[] archive = TarFixtures.tar(Map.of("a.png", new byte[10]));
    archive[0] = 'b';

    assertThatThrownBy(() -> readAll(archive)).hasMessageContaining("checksum");
  }

  @Test
  void rejectsEmptyFile() {
    assertThatThrownBy(() -> readAll(new byte[0])).hasMessage("test.tar: empty file, not a tar archive");
  }
}
