package dev.tfj.cli.bench;

import dev.tfj.inference.ImageBatch;
import java.util.Locale;

/** A fixed 28x28 test digit (a slanted stroke) as floats and as a TF Serving predict body. */
public final class ImageBodies {

  private ImageBodies() {}

  /** 784 pixels in [0,1]. */
  public static float[] digit() {
    float[] p = new float[ImageBatch.PIXELS];
    for (int y = 4; y < 24; y++) {
      int x = 16 - (y - 4) / 4;
      p[y * 28 + x] = 1f;
      p[y * 28 + x + 1] = 0.5f;
    }
    return p;
  }

  /** {@code count} copies of the digit. */
  public static ImageBatch digits(int count) {
    float[] digit = digit();
    float[] pixels = new float[digit.length * count];
    for (int i = 0; i < count; i++) {
      System.arraycopy(digit, 0, pixels, i * digit.length, digit.length);
    }
    return new ImageBatch(count, pixels);
  }

  /** {@code {"instances":[<one image nested to rowShape>]}}. */
  public static String predictBody(long[] rowShape) {
    return predictBody(rowShape, 1);
  }

  /** {@code {"instances":[<image>, <image>, ...]}}: the same image {@code images} times. */
  public static String predictBody(long[] rowShape, int images) {
    float[] pixels = digit();
    StringBuilder b = new StringBuilder("{\"instances\":[");
    for (int i = 0; i < images; i++) {
      if (i > 0) {
        b.append(',');
      }
      nest(b, rowShape, 0, pixels, new int[] {0});
    }
    return b.append("]}").toString();
  }

  private static void nest(StringBuilder b, long[] shape, int dim, float[] pixels, int[] at) {
    if (dim == shape.length) {
      float v = pixels[at[0]++];
      b.append(v == 0 ? "0" : String.format(Locale.ROOT, "%.1f", v));
      return;
    }
    b.append('[');
    for (long i = 0; i < shape[dim]; i++) {
      if (i > 0) {
        b.append(',');
      }
      nest(b, shape, dim + 1, pixels, at);
    }
    b.append(']');
  }
}
