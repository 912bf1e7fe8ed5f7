package dev.tfj.spark;

import dev.tfj.trainer.data.IdxReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** What an input path holds, told from its content: an IDX images file, a Parquet table, or a directory of images. */
public enum InputKind {
  /** An IDX images file, raw or gzip. */
  IDX,
  /** A Parquet file, or a directory of them (as Spark writes a table). */
  PARQUET,
  /** A directory of PNG/JPEG files. */
  IMAGE_DIRECTORY;

  private static final byte[] PARQUET_MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);

  /**
   * The kind of what is at {@code location} (a local path or Hadoop URI).
   *
   * @throws IllegalArgumentException when nothing is there or a file is neither IDX images nor Parquet
   */
  public static InputKind detect(Configuration conf, String location) {
    Path path = new Path(location);
    try {
      FileSystem fs = path.getFileSystem(conf);
      if (!fs.exists(path)) {
        throw new IllegalArgumentException(location + " does not exist");
      }
      if (fs.getFileStatus(path).isDirectory()) {
        boolean parquet = Arrays.stream(fs.listStatus(path))
            .map(FileStatus::getPath)
            .anyMatch(p -> p.getName().toLowerCase(Locale.ROOT).endsWith(".parquet"));
        return parquet ? PARQUET : IMAGE_DIRECTORY;
      }
      byte[] head = head(fs, path);
      if (Arrays.equals(head, PARQUET_MAGIC)) {
        return PARQUET;
      }
      if (head.length == 4 && ByteBuffer.wrap(head).getInt() == IdxReader.IMAGE_MAGIC) {
        return IDX;
      }
      String idx = head.length == 4 && ByteBuffer.wrap(head).getInt() == IdxReader.LABEL_MAGIC
          ? " (it is an IDX labels file)" : "";
      throw new IllegalArgumentException(location + " is neither an IDX images file nor Parquet" + idx
          + "; give an IDX images file (raw or .gz), a directory of PNG/JPEG files, or a Parquet table");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + location + ": " + e.getMessage(), e);
    }
  }

  /** The first four bytes of the file, of its gzip content when it is gzipped. */
  private static byte[] head(FileSystem fs, Path path) throws IOException {
    try (InputStream raw = fs.open(path)) {
      byte[] head = raw.readNBytes(4);
      if (head.length < 2 || (head[0] & 0xFF) != 0x1f || (head[1] & 0xFF) != 0x8b) {
        return head;
      }
    }
    try (InputStream in = new GZIPInputStream(fs.open(path))) {
      return in.readNBytes(4);
    } catch (IOException e) {
      return new byte[0]; // a broken gzip file is neither kind
    }
  }
}
