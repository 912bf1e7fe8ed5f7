package dev.tfj.trainer.data;

import dev.tfj.trainer.data.internal.Inputs;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.ZipException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads IDX image files (magic {@code 0x00000803}) and label files (magic {@code 0x00000801}), raw or gzip-compressed;
 * gzip is recognised by its magic bytes, not by the file name. Every problem becomes a {@link DatasetException} whose
 * one-line message names the file.
 */
public final class IdxReader {

  /** Magic of an IDX file of unsigned bytes with three dimensions (count, rows, cols). */
  public static final int IMAGE_MAGIC = 0x00000803;

  /** Magic of an IDX file of unsigned bytes with one dimension (count). */
  public static final int LABEL_MAGIC = 0x00000801;

  /** Largest accepted image side; anything larger is a corrupt header, not an image. */
  public static final int MAX_SIDE = 4096;

  /** Labels are class indices 0..NUM_CLASSES-1. */
  public static final int NUM_CLASSES = 10;

  /** The most bytes one Java array can hold. */
  private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

  private static final Logger LOG = LoggerFactory.getLogger(IdxReader.class);

  private IdxReader() {}

  /** The content of an IDX image file: {@code count} images of {@code rows x cols} bytes, row-major. */
  public record Images(int count, int rows, int cols, byte[] pixels) {}

  /** Reads an image file and the label file that goes with it, checking that their counts agree. */
  public static ImageSet read(Path imagesFile, Path labelsFile) {
    Images images = readImages(imagesFile);
    byte[] labels = readLabels(labelsFile);
    if (images.count() != labels.length) {
      throw new DatasetException(
          imagesFile + " holds " + images.count() + " images but " + labelsFile + " holds " + labels.length
              + " labels; they must match");
    }
    return new ImageSet(images.count(), images.rows(), images.cols(), images.pixels(), labels);
  }

  /** Reads an IDX image file. */
  public static Images readImages(Path file) {
    try (InputStream in = Inputs.open(file)) {
      return readImages(in, file.toString());
    } catch (IOException e) {
      throw ioError(file.toString(), e);
    }
  }

  /** Reads an IDX image file from a stream (raw or gzip); {@code name} is used in error messages. */
  public static Images readImages(InputStream raw, String name) {
    try {
      InputStream in = Inputs.maybeGunzip(raw);
      ByteBuffer header = header(in, name, 16, IMAGE_MAGIC, "image");
      int count = header.getInt(4);
      int rows = header.getInt(8);
      int cols = header.getInt(12);
      if (count <= 0) {
        throw new DatasetException(name + ": bad header: image count " + count + " must be positive");
      }
      if (rows <= 0 || cols <= 0 || rows > MAX_SIDE || cols > MAX_SIDE) {
        throw new DatasetException(
            name + ": bad header: image size " + rows + "x" + cols + " must be within 1.." + MAX_SIDE);
      }
      long size = (long) count * rows * cols;
      if (size > MAX_ARRAY) {
        throw new DatasetException(
            name + ": bad header: " + count + " images of " + rows + "x" + cols + " need " + size
                + " bytes, more than one array holds");
      }
      byte[] pixels = body(in, name, (int) size, "pixel");
      return new Images(count, rows, cols, pixels);
    } catch (IOException e) {
      throw ioError(name, e);
    }
  }

  /** Reads an IDX label file, checking every label is within 0..9. */
  public static byte[] readLabels(Path file) {
    try (InputStream in = Inputs.open(file)) {
      return readLabels(in, file.toString());
    } catch (IOException e) {
      throw ioError(file.toString(), e);
    }
  }

  /** Reads an IDX label file from a stream (raw or gzip); {@code name} is used in error messages. */
  public static byte[] readLabels(InputStream raw, String name) {
    try {
      InputStream in = Inputs.maybeGunzip(raw);
      ByteBuffer header = header(in, name, 8, LABEL_MAGIC, "label");
      int count = header.getInt(4);
      if (count <= 0 || count > MAX_ARRAY) {
        throw new DatasetException(name + ": bad header: label count " + count + " must be positive");
      }
      byte[] labels = body(in, name, count, "label");
      for (int i = 0; i < labels.length; i++) {
        int label = labels[i] & 0xFF;
        if (label >= NUM_CLASSES) {
          throw new DatasetException(
              name + ": label " + label + " at index " + i + " is outside 0.." + (NUM_CLASSES - 1));
        }
      }
      return labels;
    } catch (IOException e) {
      throw ioError(name, e);
    }
  }

  /** Reads and checks a file of either kind, chosen by its magic; used to verify files with no known checksum. */
  public static void validate(Path file) {
    int magic;
    try (InputStream in = Inputs.open(file)) {
      byte[] head = Inputs.readUpTo(in, 4);
      magic = head.length == 4 ? ByteBuffer.wrap(head).getInt() : -1;
    } catch (IOException e) {
      throw ioError(file.toString(), e);
    }
    if (magic == LABEL_MAGIC) {
      readLabels(file);
    } else {
      readImages(file);
    }
  }

  private static ByteBuffer header(InputStream in, String name, int size, int magic, String kind)
      throws IOException {
    byte[] bytes = Inputs.readUpTo(in, size);
    if (bytes.length < 4) {
      throw new DatasetException(
          name + ": truncated: file holds " + bytes.length + " bytes, too few for an IDX header");
    }
    ByteBuffer header = ByteBuffer.wrap(bytes);
    int found = header.getInt(0);
    if (found != magic) {
      String other = found == IMAGE_MAGIC ? " (that of an IDX image file)"
          : found == LABEL_MAGIC ? " (that of an IDX label file)" : "";
      throw new DatasetException(String.format(
          "%s: not an IDX %s file: magic 0x%08x%s, expected 0x%08x", name, kind, found, other, magic));
    }
    if (bytes.length < size) {
      throw new DatasetException(
          name + ": truncated: the " + kind + " file header needs " + size + " bytes, found " + bytes.length);
    }
    return header;
  }

  private static byte[] body(InputStream in, String name, int size, String kind) throws IOException {
    byte[] body = new byte[size];
    int read = in.readNBytes(body, 0, size);
    if (read < size) {
      throw new DatasetException(
          name + ": truncated: expected " + size + " " + kind + " bytes after the header, found " + read);
    }
    long extra = Inputs.drain(in);
    if (extra > 0) {
      LOG.warn("{}: ignoring {} bytes after the {} {} bytes the header announces", name, extra, size, kind);
    }
    return body;
  }

  private static DatasetException ioError(String name, IOException e) {
    if (e instanceof NoSuchFileException) {
      return new DatasetException(name + ": no such file", e);
    }
    if (e instanceof EOFException) {
      return new DatasetException(name + ": truncated: the gzip stream ends early", e);
    }
    if (e instanceof ZipException) {
      return new DatasetException(name + ": corrupt gzip stream: " + e.getMessage(), e);
    }
    return new DatasetException(name + ": cannot read: " + e, e);
  }
}
