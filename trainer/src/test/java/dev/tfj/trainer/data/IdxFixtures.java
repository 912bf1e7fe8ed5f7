package dev.tfj.trainer.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.zip.GZIPOutputStream;

/** Builds small IDX files in memory for tests. */
final class IdxFixtures {

  private IdxFixtures() {}

  /** An IDX3 image file: header with the given magic, count, rows and cols, then {@code pixels}. */
  static byte[] images(int magic, int count, int rows, int cols, byte[] pixels) {
    return ByteBuffer.allocate(16 + pixels.length)
        .putInt(magic).putInt(count).putInt(rows).putInt(cols).put(pixels).array();
  }

  /** A well-formed IDX3 image file whose pixel {@code i} is {@code i mod 256}. */
  static byte[] images(int count, int rows, int cols) {
    return images(IdxReader.IMAGE_MAGIC, count, rows, cols, ramp(count * rows * cols));
  }

  /** An IDX1 label file holding {@code labels}. */
  static byte[] labels(int... labels) {
    ByteBuffer buffer = ByteBuffer.allocate(8 + labels.length).putInt(IdxReader.LABEL_MAGIC).putInt(labels.length);
    for (int label : labels) {
      buffer.put((byte) label);
    }
    return buffer.array();
  }

  /** Bytes {@code 0, 1, 2, ...} wrapping at 256. */
  static byte[] ramp(int n) {
    byte[] bytes = new byte[n];
    for (int i = 0; i < n; i++) {
      bytes[i] = (byte) i;
    }
    return bytes;
  }

  /** The first {@code n} bytes. */
  static byte[] prefix(byte[] bytes, int n) {
    byte[] out = new byte[n];
    System.arraycopy(bytes, 0, out, 0, n);
    return out;
  }

  /** Gzip-compresses {@code bytes}. */
  static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
