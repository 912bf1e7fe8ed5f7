package dev.tfj.inference.testing;

import dev.tfj.inference.ImageBatch;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** The shared read-only test data: foreign SavedModels and MNIST. */
public final class TestData {

  /** Python-exported: input flatten_input [-1,28,28], output dense [-1,10]. */
  public static final String KERAS_SOFTMAX = "keras-softmax-tf24";

  /** Python-exported: input keras_tensor [-1,28,28,1], output output_0 [-1,10], two signatures. */
  public static final String KERAS_CONV = "keras3-conv-tf219";

  private TestData() {}

  /** The directory of foreign SavedModels, in TF Serving layout. */
  public static Path foreign() {
    return Path.of(System.getProperty("tfj.test.foreign", "../../shared/data/foreign-savedmodels"));
  }

  /** Copies one foreign model's version 1 to {@code <base>/<name>/<version>}. */
  public static Path copyForeign(String model, Path base, String name, long version) {
    Path target = base.resolve(name).resolve(Long.toString(version));
    copyTree(foreign().resolve(model).resolve("1"), target);
    return target;
  }

  /** Copies a directory tree. */
  public static void copyTree(Path from, Path to) {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path t = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(t);
        } else {
          Files.copy(f, t, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The first {@code count} MNIST test images as floats in [0,1], row-major, one after another. */
  public static float[] mnistTestImages(int count) {
    return ImageBatch.ofBytes(mnistTestBytes(count), 0, count).pixels();
  }

  /** The first {@code count} MNIST test images as unsigned bytes, 784 per image. */
  public static byte[] mnistTestBytes(int count) {
    Path file = Path.of(System.getProperty("tfj.test.mnist", "../../shared/data/mnist"), "t10k-images-idx3-ubyte.gz");
    try (InputStream raw = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(new GZIPInputStream(raw))) {
      in.readInt(); // magic
      in.readInt(); // count
      in.readInt(); // rows
      in.readInt(); // columns
      return in.readNBytes(count * 784);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The first {@code count} MNIST test labels. */
  public static int[] mnistTestLabels(int count) {
    Path file = Path.of(System.getProperty("tfj.test.mnist", "../../shared/data/mnist"), "t10k-labels-idx1-ubyte.gz");
    try (InputStream raw = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(new GZIPInputStream(raw))) {
      in.readInt();
      in.readInt();
      byte[] labels = in.readNBytes(count);
      int[] out = new int[count];
      for (int i = 0; i < count; i++) {
        out[i] = labels[i];
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
