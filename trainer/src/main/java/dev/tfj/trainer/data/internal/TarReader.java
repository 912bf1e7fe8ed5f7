package dev.tfj.trainer.data.internal;

import dev.tfj.trainer.data.DatasetException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A minimal streaming reader for ustar/GNU/pax tar archives: it hands each regular file's path and content to a
 * callback and skips directories, links and devices. GNU long names ({@code L}) and pax {@code path} records are
 * honoured; sparse files and multi-volume archives are rejected.
 */
public final class TarReader {

  /** One regular file's full path inside the archive and its content. */
  @FunctionalInterface
  public interface FileHandler {
    /** Called once per regular file, in archive order. */
    void onFile(String path, byte[] content) throws IOException;
  }

  /** Largest single entry read into memory. */
  public static final int MAX_ENTRY_BYTES = 64 << 20;

  private static final int BLOCK = 512;
  private static final Logger LOG = LoggerFactory.getLogger(TarReader.class);

  private final InputStream in;
  private final String archive;
  private long offset;

  private TarReader(InputStream in, String archive) {
    this.in = in;
    this.archive = archive;
  }

  /** Reads every entry of the (already decompressed) archive stream; {@code archive} names it in errors. */
  public static void read(InputStream in, String archive, FileHandler handler) throws IOException {
    new TarReader(in, archive).readAll(handler);
  }

  private void readAll(FileHandler handler) throws IOException {
    String longName = null;
    boolean sawEntry = false;
    while (true) {
      long headerOffset = offset;
      byte[] header = Inputs.readUpTo(in, BLOCK);
      offset += header.length;
      if (header.length == 0 && sawEntry) {
        LOG.debug("{}: archive ends without the closing zero blocks", archive);
        return;
      }
      if (header.length == 0) {
        throw fail("empty file, not a tar archive");
      }
      if (header.length < BLOCK) {
        throw fail("truncated: header at offset " + headerOffset + " has " + header.length + " of 512 bytes");
      }
      if (isZero(header)) {
        return;
      }
      checkChecksum(header, headerOffset);
      sawEntry = true;
      char type = (char) header[156];
      long size = size(header, headerOffset);
      String name = longName != null ? longName : name(header);
      longName = null;
      switch (type) {
        case 'L', 'x' -> {
          String meta = new String(content(name, size), StandardCharsets.UTF_8);
          longName = type == 'L' ? cString(meta) : paxPath(meta);
        }
        case '0', '\0', '7' -> handler.onFile(name, content(name, size));
        case 'S', 'M', 'V' -> throw fail("entry " + name + " has unsupported tar type '" + type + "'");
        default -> {
          LOG.debug("{}: skipping {} (tar type '{}')", archive, name, type);
          skip(name, size);
        }
      }
    }
  }

  private byte[] content(String name, long size) throws IOException {
    if (size > MAX_ENTRY_BYTES) {
      throw fail("entry " + name + " is " + size + " bytes, more than the " + MAX_ENTRY_BYTES + " this reader accepts");
    }
    byte[] data = Inputs.readUpTo(in, (int) size);
    offset += data.length;
    if (data.length < size) {
      throw fail("truncated: entry " + name + " needs " + size + " bytes, found " + data.length);
    }
    skipPadding(name, size);
    return data;
  }

  private void skip(String name, long size) throws IOException {
    skipExactly(name, size);
    skipPadding(name, size);
  }

  private void skipPadding(String name, long size) throws IOException {
    long padding = (BLOCK - size % BLOCK) % BLOCK;
    skipExactly(name, padding);
  }

  private void skipExactly(String name, long n) throws IOException {
    try {
      in.skipNBytes(n);
      offset += n;
    } catch (EOFException e) {
      throw fail("truncated: entry " + name + " ends before its " + n + " bytes of data and padding", e);
    }
  }

  private void checkChecksum(byte[] header, long headerOffset) {
    long stored = octal(header, 148, 8, headerOffset, "checksum");
    long unsigned = 0;
    long signed = 0;
    for (int i = 0; i < BLOCK; i++) {
      int b = i >= 148 && i < 156 ? ' ' : header[i];
      unsigned += b & 0xFF;
      signed += (byte) b;
    }
    // Some old writers summed signed bytes; accept either.
    if (stored != unsigned && stored != signed) {
      throw fail("not a tar archive or corrupt header at offset " + headerOffset
          + ": checksum " + stored + " does not match " + unsigned);
    }
  }

  private long size(byte[] header, long headerOffset) {
    if ((header[124] & 0x80) != 0) {
      // GNU base-256 for sizes of 8 GiB and more: big-endian in the remaining bytes.
      long size = 0;
      for (int i = 125; i < 136; i++) {
        size = (size << 8) | (header[i] & 0xFF);
      }
      return size;
    }
    return octal(header, 124, 12, headerOffset, "size");
  }

  private long octal(byte[] header, int start, int length, long headerOffset, String field) {
    long value = 0;
    int end = start + length;
    int i = start;
    while (i < end && (header[i] == ' ' || header[i] == 0)) {
      i++;
    }
    for (; i < end && header[i] != 0 && header[i] != ' '; i++) {
      int digit = header[i] - '0';
      if (digit < 0 || digit > 7) {
        throw fail("not a tar archive or corrupt header at offset " + headerOffset + ": " + field
            + " field is not octal");
      }
      value = (value << 3) | digit;
    }
    return value;
  }

  private static String name(byte[] header) {
    String name = cString(new String(header, 0, 100, StandardCharsets.UTF_8));
    // Only POSIX ustar ("ustar\0") has a prefix field; GNU's "ustar  " keeps other data there.
    boolean posix = header[257] == 'u' && header[258] == 's' && header[259] == 't' && header[260] == 'a'
        && header[261] == 'r' && header[262] == 0;
    if (posix && header[345] != 0) {
      String prefix = cString(new String(header, 345, 155, StandardCharsets.UTF_8));
      return prefix + "/" + name;
    }
    return name;
  }

  /** The {@code path} value of a pax extended header's "length key=value\n" records, or null when it has none. */
  private static String paxPath(String records) {
    String path = null;
    int pos = 0;
    while (pos < records.length()) {
      int space = records.indexOf(' ', pos);
      int newline = records.indexOf('\n', pos);
      if (space < 0 || newline < 0 || space > newline) {
        break;
      }
      String record = records.substring(space + 1, newline);
      if (record.startsWith("path=")) {
        path = record.substring("path=".length());
      }
      pos = newline + 1;
    }
    return path;
  }

  private static String cString(String s) {
    int nul = s.indexOf('\0');
    return nul < 0 ? s : s.substring(0, nul);
  }

  private static boolean isZero(byte[] block) {
    for (byte b : block) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  private DatasetException fail(String problem) {
    return new DatasetException(archive + ": " + problem);
  }

  private DatasetException fail(String problem, Throwable cause) {
    return new DatasetException(archive + ": " + problem, cause);
  }
}
