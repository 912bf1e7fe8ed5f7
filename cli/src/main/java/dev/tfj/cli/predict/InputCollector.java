package dev.tfj.cli.predict;

import dev.tfj.cli.UserError;
import dev.tfj.trainer.data.IdxReader;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** Expands the inputs of {@code tfj predict}: image files, directories of them, and IDX image files. */
public final class InputCollector {

  /** File name endings taken from a directory. */
  public static final Set<String> IMAGE_EXTENSIONS = Set.of("png", "jpg", "jpeg");

  private InputCollector() {}

  /** Every image the paths name, in order; directories are walked in sorted order. */
  public static List<InputImage> collect(List<Path> paths) {
    List<InputImage> images = new ArrayList<>();
    for (Path path : paths) {
      if (!Files.exists(path)) {
        throw UserError.failure(path + " does not exist", null);
      }
      if (Files.isDirectory(path)) {
        images.addAll(directory(path));
      } else if (isIdxImages(path)) {
        IdxReader.Images idx = IdxReader.readImages(path);
        if (idx.rows() != 28 || idx.cols() != 28) {
          throw UserError.failure(path + " holds " + idx.rows() + "x" + idx.cols() + " images; models take 28x28", null);
        }
        for (int i = 0; i < idx.count(); i++) {
          images.add(new InputImage.IdxImage(path, idx, i));
        }
      } else {
        images.add(new InputImage.ImageFile(path));
      }
    }
    if (images.isEmpty()) {
      throw UserError.failure("no images found in " + paths + " (looking for *.png, *.jpg, *.jpeg)", null);
    }
    return images;
  }

  private static List<InputImage> directory(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(Files::isRegularFile)
          .filter(p -> IMAGE_EXTENSIONS.contains(extension(p)))
          .sorted()
          .map(p -> (InputImage) new InputImage.ImageFile(p))
          .toList();
    } catch (IOException e) {
      throw UserError.failure("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  private static String extension(Path p) {
    String name = p.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  /** True when the file (raw or gzip) starts with the IDX images magic number. */
  static boolean isIdxImages(Path file) {
    return magic(file) == IdxReader.IMAGE_MAGIC;
  }

  /** True when the file (raw or gzip) starts with the IDX labels magic number. */
  static boolean isIdxLabels(Path file) {
    return magic(file) == IdxReader.LABEL_MAGIC;
  }

  private static int magic(Path file) {
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
      raw.mark(2);
      boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
      raw.reset();
      InputStream in = gzip ? new GZIPInputStream(raw) : raw;
      return new DataInputStream(in).readInt();
    } catch (IOException e) {
      return -1;
    }
  }
}
