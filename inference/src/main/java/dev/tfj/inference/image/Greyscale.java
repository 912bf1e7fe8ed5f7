package dev.tfj.inference.image;

import java.awt.image.BufferedImage;

/** Luminance of every pixel in [0,255], with transparency laid over a contrasting background. */
final class Greyscale {

  private Greyscale() {}

  static double[] of(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
    double[] lum = new double[argb.length];
    double[] alpha = new double[argb.length];
    double inkSum = 0;
    double inkWeight = 0;
    boolean transparent = false;
    boolean hasAlpha = image.getColorModel().hasAlpha();
    for (int i = 0; i < argb.length; i++) {
      int p = argb[i];
      alpha[i] = hasAlpha ? ((p >>> 24) & 0xff) / 255.0 : 1.0;
      lum[i] = 0.299 * ((p >> 16) & 0xff) + 0.587 * ((p >> 8) & 0xff) + 0.114 * (p & 0xff);
      transparent |= alpha[i] < 1;
      inkSum += alpha[i] * lum[i];
      inkWeight += alpha[i];
    }
    if (transparent) {
      double background = inkWeight > 0 && inkSum / inkWeight < 128 ? 255 : 0;
      for (int i = 0; i < lum.length; i++) {
        lum[i] = alpha[i] * lum[i] + (1 - alpha[i]) * background;
      }
    }
    return lum;
  }
}
