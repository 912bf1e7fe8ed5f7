package dev.tfj.trainer.data.internal;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes PNG bytes to 8-bit grayscale pixels, row-major. Gray PNGs (any bit depth) keep their values scaled to 0..255;
 * colour and palette PNGs are converted with the ITU-R BT.601 luma weights. Alpha is ignored. Not thread-safe: it
 * reuses one ImageIO reader, which is much faster than {@code ImageIO.read} per image.
 */
public final class GrayPngDecoder implements AutoCloseable {

  private final ImageReader reader;

  /** A decoder holding one PNG reader. */
  public GrayPngDecoder() {
    Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("png");
    if (!readers.hasNext()) {
      throw new IllegalStateException("this JDK has no PNG reader");
    }
    this.reader = readers.next();
  }

  /** A decoded image: its size and {@code width * height} gray bytes. */
  public record Gray(int width, int height, byte[] pixels) {}

  /** Decodes one PNG; throws IOException when the bytes are not a readable PNG. */
  public Gray decode(byte[] png) throws IOException {
    BufferedImage image;
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(png))) {
      reader.setInput(in, true, true);
      image = reader.read(0);
    } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
      throw new IOException("not a readable PNG: " + e.getMessage(), e);
    } finally {
      reader.setInput(null);
    }
    return new Gray(image.getWidth(), image.getHeight(), toGray(image));
  }

  private static byte[] toGray(BufferedImage image) {
    int width = image.getWidth();
    int height = image.getHeight();
    byte[] out = new byte[width * height];
    Raster raster = image.getRaster();
    if (image.getColorModel() instanceof ComponentColorModel
        && image.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY) {
      int bits = raster.getSampleModel().getSampleSize(0);
      int max = (1 << bits) - 1;
      for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
          int sample = raster.getSample(x, y, 0);
          out[y * width + x] = (byte) (bits == 8 ? sample : (sample * 255 + max / 2) / max);
        }
      }
      return out;
    }
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int rgb = image.getRGB(x, y);
        int r = (rgb >> 16) & 0xFF;
        int g = (rgb >> 8) & 0xFF;
        int b = rgb & 0xFF;
        out[y * width + x] = (byte) ((299 * r + 587 * g + 114 * b + 500) / 1000);
      }
    }
    return out;
  }

  @Override
  public void close() {
    reader.dispose();
  }
}
