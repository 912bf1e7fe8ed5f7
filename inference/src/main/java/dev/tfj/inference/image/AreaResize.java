package dev.tfj.inference.image;

/** Resizes a grey image by area averaging: each output pixel is the mean of the input area it covers. */
final class AreaResize {

  private AreaResize() {}

  static float[] resize(float[] src, int sw, int sh, int tw, int th) {
    float[] rows = new float[sh * tw];
    for (int y = 0; y < sh; y++) {
      resize1d(src, y * sw, 1, sw, rows, y * tw, 1, tw);
    }
    float[] out = new float[th * tw];
    for (int x = 0; x < tw; x++) {
      resize1d(rows, x, tw, sh, out, x, tw, th);
    }
    return out;
  }

  /** Area-averages n values read at {@code from + i*stride} into m values written likewise. */
  private static void resize1d(float[] in, int from, int inStride, int n, float[] out, int to, int outStride, int m) {
    double scale = (double) n / m;
    for (int j = 0; j < m; j++) {
      double start = j * scale;
      double end = start + scale;
      double sum = 0;
      for (int i = (int) start; i < Math.min(n, (int) Math.ceil(end)); i++) {
        double cover = Math.min(end, i + 1) - Math.max(start, i);
        sum += cover * in[from + i * inStride];
      }
      out[to + j * outStride] = (float) (sum / scale);
    }
  }
}
