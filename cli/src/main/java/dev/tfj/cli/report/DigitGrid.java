package dev.tfj.cli.report;

import dev.tfj.trainer.data.ImageSet;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.IntFunction;
import javax.imageio.ImageIO;

/** Draws test digits in a grid, each scaled up with a caption such as {@code 7→2} (true → predicted) under it. */
public final class DigitGrid {

  static final int COLUMNS = 10;
  static final int SCALE = 3;
  static final int CAPTION = 18;
  static final int GAP = 6;
  static final int TITLE = 30;

  private DigitGrid() {}

  /** Writes the digits {@code images} of {@code test}, captioned by {@code caption}, under {@code title}. */
  public static void write(String title, ImageSet test, int[] images, IntFunction<String> caption, Path file)
      throws IOException {
    int tileW = test.cols() * SCALE;
    int tileH = test.rows() * SCALE + CAPTION;
    int rows = Math.max(1, (images.length + COLUMNS - 1) / COLUMNS);
    int width = GAP + COLUMNS * (tileW + GAP);
    int height = TITLE + rows * (tileH + GAP) + GAP;
    BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);
      g.setColor(Color.BLACK);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
      g.drawString(title, GAP, TITLE - 10);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
      if (images.length == 0) {
        g.drawString("none", GAP, TITLE + 20);
      }
      for (int k = 0; k < images.length; k++) {
        int x = GAP + (k % COLUMNS) * (tileW + GAP);
        int y = TITLE + (k / COLUMNS) * (tileH + GAP);
        g.drawImage(digit(test, images[k]), x, y, tileW, tileW, null);
        g.setColor(Color.LIGHT_GRAY);
        g.drawRect(x - 1, y - 1, tileW + 1, tileW + 1);
        g.setColor(Color.BLACK);
        centred(g, caption.apply(images[k]), x, tileW, y + tileW + CAPTION - 4);
      }
    } finally {
      g.dispose();
    }
    if (!ImageIO.write(out, "png", file.toFile())) {
      throw new IOException("no PNG writer available for " + file);
    }
  }

  /** One digit as ink on paper: MNIST's white-on-black inverted, so it reads like the page it came from. */
  private static BufferedImage digit(ImageSet test, int image) {
    BufferedImage img = new BufferedImage(test.cols(), test.rows(), BufferedImage.TYPE_INT_RGB);
    for (int r = 0; r < test.rows(); r++) {
      for (int c = 0; c < test.cols(); c++) {
        int v = 255 - test.pixel(image, r, c);
        img.setRGB(c, r, (v << 16) | (v << 8) | v);
      }
    }
    return img;
  }

  private static void centred(Graphics2D g, String text, int x, int width, int baseline) {
    FontMetrics fm = g.getFontMetrics();
    g.drawString(text, x + Math.max(0, (width - fm.stringWidth(text)) / 2), baseline);
  }
}
