package dev.tfj.inference.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/** Decodes PNG and JPEG bytes (and the other formats ImageIO reads) with a limit on the pixel count. */
public final class ImageDecoder {

  /** The most pixels an upload may have: 40 megapixels, a large phone photo. */
  public static final long MAX_PIXELS = 40_000_000L;

  private ImageDecoder() {}

  /** Decodes the first image in the bytes; throws {@link InvalidImageException} for anything else. */
  public static BufferedImage decode(byte[] bytes) {
    if (bytes.length == 0) {
      throw new InvalidImageException("empty body: POST the bytes of a PNG or JPEG image");
    }
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new InvalidImageException("the body is not a PNG or JPEG image");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
        if (pixels > MAX_PIXELS) {
          throw new InvalidImageException(
              "image of " + reader.getWidth(0) + "x" + reader.getHeight(0) + " pixels is larger than " + MAX_PIXELS + " pixels");
        }
        BufferedImage image = reader.read(0);
        if (image == null || image.getWidth() < 1 || image.getHeight() < 1) {
          throw new InvalidImageException("the image has no pixels");
        }
        return image;
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof InvalidImageException invalid) {
        throw invalid;
      }
      throw new InvalidImageException("cannot decode the image: " + e.getMessage(), e);
    }
  }
}
