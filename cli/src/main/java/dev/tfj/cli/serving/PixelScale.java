package dev.tfj.cli.serving;

import dev.tfj.cli.UserError;

/** The value range a model expects its pixels in. */
public enum PixelScale {
  /** Intensities in [0,1], MNIST's bytes divided by 255 (tfj bundles and most Keras examples). */
  UNIT(1f),
  /** Raw intensities in [0,255]. */
  BYTE(255f);

  private final float factor;

  PixelScale(float factor) {
    this.factor = factor;
  }

  /** Multiplies pixels given in [0,1] into this range, in place. */
  public float[] apply(float[] unitPixels) {
    if (factor != 1f) {
      for (int i = 0; i < unitPixels.length; i++) {
        unitPixels[i] *= factor;
      }
    }
    return unitPixels;
  }

  /** Parses {@code 1}, {@code 0..1}, {@code 255} or {@code 0..255}. */
  public static PixelScale parse(String value) {
    return switch (value.replace(" ", "")) {
      case "1", "0..1", "0-1", "unit" -> UNIT;
      case "255", "0..255", "0-255", "byte" -> BYTE;
      default -> throw UserError.usage("--scale '" + value + "': choose 0..1 or 0..255");
    };
  }
}
