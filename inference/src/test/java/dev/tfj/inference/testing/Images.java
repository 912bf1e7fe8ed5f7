package dev.tfj.inference.testing;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Draws test pictures of digits. */
public final class Images {

  private Images() {}

  /**
   * One MNIST image (784 values in [0,1]) drawn {@code scale} times larger at ({@code x},{@code y}) on a
   * {@code w}x{@code h} canvas, ink and paper blended by intensity.
   */
  public static BufferedImage draw(float[] mnist, int w, int h, int x, int y, int scale, Color ink, Color paper, int type) {
    BufferedImage image = new BufferedImage(w, h, type);
    for (int py = 0; py < h; py++) {
      for (int px = 0; px < w; px++) {
        int mx = (px - x) / scale;
        int my = (py - y) / scale;
        float v = px >= x && py >= y && mx < 28 && my < 28 ? mnist[my * 28 + mx] : 0f;
        image.setRGB(px, py, blend(ink, paper, v));
      }
    }
    return image;
  }

  private static int blend(Color ink, Color paper, float v) {
    int a = Math.round(ink.getAlpha() * v + paper.getAlpha() * (1 - v));
    int r = Math.round(ink.getRed() * v + paper.getRed() * (1 - v));
    int g = Math.round(ink.getGreen() * v + paper.getGreen() * (1 - v));
    int b = Math.round(ink.getBlue() * v + paper.getBlue() * (1 - v));
    return (a << 24) | (r << 16) | (g << 8) | b;
  }

  /** Encodes as "png" or "jpg". */
  public static byte[] encode(BufferedImage image, String format) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      if (!ImageIO.write(image, format, out)) {
        throw new IllegalArgumentException("no writer for " + format);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
