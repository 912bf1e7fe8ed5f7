package dev.tfj.trainer.train;

import dev.tfj.bundle.ServingSignature;
import dev.tfj.trainer.data.ImageSet;

/** Converts uint8 images to the [0,1] floats the graphs take, and labels to one-hot rows. */
final class Pixels {

  private Pixels() {}

  /** All pixels of {@code set} as floats in [0,1], image after image. */
  static float[] scaled(ImageSet set) {
    byte[] pixels = set.pixels();
    float[] out = new float[pixels.length];
    for (int i = 0; i < pixels.length; i++) {
      out[i] = (pixels[i] & 0xFF) / 255f;
    }
    return out;
  }

  /** Copies image {@code src} of {@code all} into slot {@code dst} of {@code batch}. */
  static void copyImage(float[] all, int src, float[] batch, int dst) {
    int n = ServingSignature.IMAGE_SIZE * ServingSignature.IMAGE_SIZE;
    System.arraycopy(all, src * n, batch, dst * n, n);
  }

  /** Writes {@code label} as a one-hot row into slot {@code dst} of {@code oneHot}. */
  static void setOneHot(float[] oneHot, int dst, int label) {
    int classes = ServingSignature.NUM_CLASSES;
    java.util.Arrays.fill(oneHot, dst * classes, (dst + 1) * classes, 0f);
    oneHot[dst * classes + label] = 1f;
  }
}
