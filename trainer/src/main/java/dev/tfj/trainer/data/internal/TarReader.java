package dev.tfj.trainer.data.internal;

import dev.tfj.trainer.data.DatasetException;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams the regular files of a ustar/GNU/pax tar archive (commons-compress does the format, long names
 * included) to a callback, skipping directories, links and devices; sparse and multi-volume entries are
 * rejected. Every failure is a {@link DatasetException} with one line naming the archive.
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

  private static final int BLOCK = TarConstants.DEFAULT_RCDSIZE;
  private static final Logger LOG = LoggerFactory.getLogger(TarReader.class);

  private TarReader() {}

  /** Reads every entry of the (already decompressed) archive stream; {@code archive} names it in errors. */
  public static void read(InputStream in, String archive, FileHandler handler) throws IOException {
    // Not closed here: the caller owns {@code in}.
    TarArchiveInputStream tar = new TarArchiveInputStream(in);
    boolean sawEntry = false;
    while (true) {
      long headerOffset = tar.getBytesRead();
      TarArchiveEntry entry = next(tar, archive, headerOffset);
      if (entry == null) {
        endOfArchive(tar, archive, sawEntry);
        return;
      }
      sawEntry = true;
      String name = entry.getName();
      switch (entry.getLinkFlag()) {
        case TarConstants.LF_NORMAL, TarConstants.LF_OLDNORM, TarConstants.LF_CONTIG ->
            handler.onFile(name, content(tar, archive, entry));
        case TarConstants.LF_GNUTYPE_SPARSE, TarConstants.LF_MULTIVOLUME, 'V' ->
            throw fail(archive, "entry " + name + " has unsupported tar type '" + (char) entry.getLinkFlag() + "'");
        default -> LOG.debug("{}: skipping {} (tar type '{}')", archive, name, (char) entry.getLinkFlag());
      }
    }
  }

  private static TarArchiveEntry next(TarArchiveInputStream tar, String archive, long headerOffset) {
    TarArchiveEntry entry;
    try {
      entry = tar.getNextEntry();
    } catch (IOException e) {
      // commons-compress wraps the parse failure (a field that is not octal, say) in "Error detected parsing the header".
      String why = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : e.getMessage();
      throw corrupt(archive, headerOffset, why, e);
    }
    if (entry == null) {
      return null;
    }
    // commons-compress records a bad checksum instead of failing on it; a file that is no tar at all shows up so.
    if (!entry.isCheckSumOK()) {
      throw corrupt(archive, headerOffset, "header checksum does not match", null);
    }
    if (entry.isSparse()) {
      throw fail(archive, "entry " + entry.getName() + " is a sparse file, which this reader does not accept");
    }
    return entry;
  }

  /** Tells a clean end from a header cut short; commons-compress reports both as "no more entries". */
  private static void endOfArchive(TarArchiveInputStream tar, String archive, boolean sawEntry) {
    long read = tar.getBytesRead();
    long partial = read % BLOCK;
    if (partial != 0) {
      throw fail(archive, "truncated: header at offset " + (read - partial) + " has " + partial + " of " + BLOCK + " bytes");
    }
    if (!sawEntry && read == 0) {
      throw fail(archive, "empty file, not a tar archive");
    }
  }

  private static byte[] content(TarArchiveInputStream tar, String archive, TarArchiveEntry entry) throws IOException {
    long size = entry.getSize();
    String name = entry.getName();
    if (size > MAX_ENTRY_BYTES) {
      throw fail(archive, "entry " + name + " is " + size + " bytes, more than the " + MAX_ENTRY_BYTES + " this reader accepts");
    }
    byte[] data = new byte[(int) size];
    int found = 0;
    try {
      while (found < size) {
        int n = tar.read(data, found, (int) size - found);
        if (n < 0) {
          break;
        }
        found += n;
      }
    } catch (IOException e) {
      LOG.debug("{}: reading {} stopped after {} bytes: {}", archive, name, found, e.getMessage());
    }
    if (found < size) {
      throw fail(archive, "truncated: entry " + name + " needs " + size + " bytes, found " + found);
    }
    return data;
  }

  private static DatasetException corrupt(String archive, long offset, String why, Throwable cause) {
    return new DatasetException(archive + ": not a tar archive or corrupt header at offset " + offset + ": " + why, cause);
  }

  private static DatasetException fail(String archive, String problem) {
    return new DatasetException(archive + ": " + problem);
  }
}
