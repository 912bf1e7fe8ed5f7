package dev.tfj.trainer.data.internal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Opens data files, unwrapping gzip when the content starts with the gzip magic, whatever the file is named. */
public final class Inputs {

  /** Read buffer size: large enough that MNIST decodes at inflater speed. */
  public static final int BUFFER_SIZE = 1 << 16;

  private Inputs() {}

  /** A buffered stream over the file's content, gunzipped if the file is gzip-compressed. */
  public static InputStream open(Path file) throws IOException {
    return maybeGunzip(Files.newInputStream(file));
  }

  /** Wraps {@code raw} so that gzip content (1f 8b) is decompressed and anything else passes through. */
  public static InputStream maybeGunzip(InputStream raw) throws IOException {
    BufferedInputStream buffered = new BufferedInputStream(raw, BUFFER_SIZE);
    try {
      buffered.mark(2);
      int b0 = buffered.read();
      int b1 = buffered.read();
      buffered.reset();
      if (b0 == 0x1f && b1 == 0x8b) {
        return new BufferedInputStream(new GZIPInputStream(buffered, BUFFER_SIZE), BUFFER_SIZE);
      }
      return buffered;
    } catch (IOException | RuntimeException e) {
      buffered.close();
      throw e;
    }
  }

  /** Reads up to {@code n} bytes into a new array, returning fewer only when the stream ends first. */
  public static byte[] readUpTo(InputStream in, int n) throws IOException {
    byte[] out = new byte[n];
    int read = in.readNBytes(out, 0, n);
    if (read == n) {
      return out;
    }
    byte[] shorter = new byte[read];
    System.arraycopy(out, 0, shorter, 0, read);
    return shorter;
  }

  /** Counts the bytes left in the stream, reading them. */
  public static long drain(InputStream in) throws IOException {
    return in.transferTo(OutputStream.nullOutputStream());
  }
}
