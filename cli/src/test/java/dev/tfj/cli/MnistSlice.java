package dev.tfj.cli;

import dev.tfj.trainer.data.Dataset;
import dev.tfj.trainer.data.DatasetLoader;
import dev.tfj.trainer.data.DatasetSpec;
import dev.tfj.trainer.data.ImageSet;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** The first images of real MNIST written as the four IDX files, so a command trains in seconds. */
final class MnistSlice {

  private MnistSlice() {}

  /** Writes the first {@code train} training and {@code test} test images of MNIST into {@code dir}. */
  static Path write(Path dir, int train, int test) throws IOException {
    Dataset mnist = DatasetLoader.load(TinyBundle.mnist());
    Files.createDirectories(dir);
    images(dir.resolve(DatasetSpec.TRAIN_IMAGES), mnist.train(), train);
    labels(dir.resolve(DatasetSpec.TRAIN_LABELS), mnist.train(), train);
    images(dir.resolve(DatasetSpec.TEST_IMAGES), mnist.test(), test);
    labels(dir.resolve(DatasetSpec.TEST_LABELS), mnist.test(), test);
    return dir;
  }

  private static void images(Path file, ImageSet set, int n) throws IOException {
    try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(Files.newOutputStream(file)))) {
      out.writeInt(0x00000803);
      out.writeInt(n);
      out.writeInt(set.rows());
      out.writeInt(set.cols());
      out.write(set.pixels(), 0, n * set.pixelsPerImage());
    }
  }

  private static void labels(Path file, ImageSet set, int n) throws IOException {
    try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(Files.newOutputStream(file)))) {
      out.writeInt(0x00000801);
      out.writeInt(n);
      out.write(set.labels(), 0, n);
    }
  }
}
