package dev.tfj.inference;

import java.util.Optional;

/** The value range a model expects its pixels in. */
public enum PixelScale {
  /** Intensities in [0,1], MNIST's bytes divided by 255 (tfj bundles and most Keras examples). */
  UNIT(1f, "0..1"),
  /** Raw intensities in [0,255]. */
  BYTE(255f, "0..255");

  private final float factor;
  private final String text;

  PixelScale(float factor, String text) {
    this.factor = factor;
    this.text = text;
  }

  /** Pixels given in [0,1] in this range: the same array for {@link #UNIT}, a scaled copy otherwise. */
  public float[] fromUnit(float[] unitPixels) {
    if (factor == 1f) {
      return unitPixels;
    }
    float[] scaled = new float[unitPixels.length];
    for (int i = 0; i < unitPixels.length; i++) {
      scaled[i] = unitPixels[i] * factor;
    }
    return scaled;
  }

  /** How people write it: {@code 0..1} or {@code 0..255}. */
  public String text() {
    return text;
  }

  /** Reads {@code 1}, {@code 0..1}, {@code unit}, {@code 255}, {@code 0..255} or {@code byte}. */
  public static Optional<PixelScale> fromText(String value) {
    return switch (value.replace(" ", "").toLowerCase(java.util.Locale.ROOT)) {
      case "1", "0..1", "0-1", "unit" -> Optional.of(UNIT);
      case "255", "0..255", "0-255", "byte" -> Optional.of(BYTE);
      default -> Optional.empty();
    };
  }
}
