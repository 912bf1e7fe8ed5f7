package dev.tfj.cli.predict;

import dev.tfj.cli.UserError;
import dev.tfj.inference.ImageBatch;
import dev.tfj.inference.image.ImageDecoder;
import dev.tfj.inference.image.InvalidImageException;
import dev.tfj.inference.image.MnistPreprocessor;
import dev.tfj.trainer.data.IdxReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** One image to classify, named as it appears in the output. */
public sealed interface InputImage {

  /** How the output names it: the file path, or {@code file#index} for an image in an IDX file. */
  String name();

  /** The file name alone, for matching a labels CSV. */
  String fileName();

  /** Its 784 pixels in [0,1], row-major, light digit on black. */
  float[] pixels();

  /** The images read into one batch, in order. */
  static ImageBatch batch(List<InputImage> images) {
    float[] pixels = new float[images.size() * ImageBatch.PIXELS];
    for (int i = 0; i < images.size(); i++) {
      System.arraycopy(images.get(i).pixels(), 0, pixels, i * ImageBatch.PIXELS, ImageBatch.PIXELS);
    }
    return new ImageBatch(images.size(), pixels);
  }

  /** A PNG or JPEG file, reduced to 28x28 the way the server's image endpoint does it. */
  record ImageFile(Path path) implements InputImage {
    @Override
    public String name() {
      return path.toString();
    }

    @Override
    public String fileName() {
      return path.getFileName().toString();
    }

    @Override
    public float[] pixels() {
      try {
        return MnistPreprocessor.toMnist(ImageDecoder.decode(Files.readAllBytes(path)));
      } catch (InvalidImageException e) {
        throw UserError.failure(path + ": " + e.getMessage(), e);
      } catch (IOException e) {
        throw UserError.failure("cannot read " + path + ": " + e.getMessage(), e);
      }
    }
  }

  /** Image {@code index} of an IDX images file, already 28x28. */
  record IdxImage(Path file, IdxReader.Images images, int index) implements InputImage {
    @Override
    public String name() {
      return file + "#" + index;
    }

    @Override
    public String fileName() {
      return file.getFileName() + "#" + index;
    }

    @Override
    public float[] pixels() {
      return ImageBatch.ofBytes(images.pixels(), index, 1).pixels();
    }
  }
}
