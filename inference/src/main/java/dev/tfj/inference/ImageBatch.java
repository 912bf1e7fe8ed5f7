package dev.tfj.inference;

import dev.tfj.bundle.ServingSignature;

/**
 * {@code count} 28x28 grey images, light digit on black, as intensities in [0,1]: 784 floats per image,
 * row-major, one image after another.
 */
public record ImageBatch(int count, float[] pixels) {

  /** Pixels in one image. */
  public static final int PIXELS = ServingSignature.IMAGE_SIZE * ServingSignature.IMAGE_SIZE;

  public ImageBatch {
    if (count < 1 || pixels.length != (long) count * PIXELS) {
      throw new InvalidInputException(
          "expected " + count + " images of " + PIXELS + " pixels, got " + pixels.length + " values");
    }
  }

  /** One image of 784 intensities in [0,1]. */
  public static ImageBatch of(float[] pixels) {
    return new ImageBatch(1, pixels);
  }

  /**
   * {@code count} images of unsigned bytes (0..255, as IDX files and PNGs hold them) starting at image
   * {@code first}: the one place a byte becomes an intensity, {@code byte / 255}.
   */
  public static ImageBatch ofBytes(byte[] pixels, int first, int count) {
    float[] unit = new float[count * PIXELS];
    int offset = first * PIXELS;
    for (int i = 0; i < unit.length; i++) {
      unit[i] = (pixels[offset + i] & 0xFF) / 255f;
    }
    return new ImageBatch(count, unit);
  }

  /** Images {@code [from, to)} of this batch. */
  public ImageBatch slice(int from, int to) {
    if (from == 0 && to == count) {
      return this;
    }
    float[] part = new float[(to - from) * PIXELS];
    System.arraycopy(pixels, from * PIXELS, part, 0, part.length);
    return new ImageBatch(to - from, part);
  }
}
