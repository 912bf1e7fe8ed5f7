package dev.tfj.inference.warmup;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * TensorFlow's TFRecord framing: each record is its length (uint64, little-endian), the masked CRC-32C of
 * those 8 bytes, the data, and the masked CRC-32C of the data.
 */
final class TfRecords {

  private static final int MASK_DELTA = 0xa282ead8;

  private TfRecords() {}

  /** Appends one record. */
  static void write(OutputStream out, byte[] data) throws IOException {
    ByteBuffer header = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
    header.putLong(data.length);
    header.putInt(maskedCrc(header.array(), 0, 8));
    out.write(header.array());
    out.write(data);
    out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(maskedCrc(data, 0, data.length)).array());
  }

  /**
   * The next record's data, or null at a clean end of the stream.
   *
   * @throws IOException for a truncated record or a checksum that does not match
   */
  static byte[] read(InputStream in, long maxLength) throws IOException {
    byte[] header = new byte[12];
    int first = in.readNBytes(header, 0, 12);
    if (first == 0) {
      return null;
    }
    if (first < 12) {
      throw new EOFException("truncated record header");
    }
    ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
    long length = h.getLong();
    if (h.getInt() != maskedCrc(header, 0, 8)) {
      throw new IOException("corrupt record: the length's checksum does not match");
    }
    if (length < 0 || length > maxLength) {
      throw new IOException("record of " + length + " bytes exceeds the limit of " + maxLength);
    }
    byte[] data = in.readNBytes((int) length);
    byte[] crc = in.readNBytes(4);
    if (data.length < length || crc.length < 4) {
      throw new EOFException("truncated record");
    }
    if (ByteBuffer.wrap(crc).order(ByteOrder.LITTLE_ENDIAN).getInt() != maskedCrc(data, 0, data.length)) {
      throw new IOException("corrupt record: the data's checksum does not match");
    }
    return data;
  }

  /** TensorFlow's masked CRC-32C: rotated right by 15 bits, plus a constant. */
  static int maskedCrc(byte[] bytes, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, offset, length);
    int c = (int) crc.getValue();
    return ((c >>> 15) | (c << 17)) + MASK_DELTA;
  }
}
