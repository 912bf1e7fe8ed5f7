package dev.tfj.trainer.data;

/**
 * Images and their labels: {@code count} images of {@code rows x cols} unsigned 8-bit pixels, row-major, one image
 * after another, and one label per image.
 *
 * <p>The arrays are shared, not copied, so a 47 MB training set is not duplicated; treat them as read-only. Pixel
 * bytes are unsigned: use {@link #pixel(int)} rather than reading {@code pixels[i]} as a signed byte.
 */
public record ImageSet(int count, int rows, int cols, byte[] pixels, byte[] labels) {

  /** Checks that the arrays hold exactly {@code count} images and labels. */
  public ImageSet {
    if (count < 0 || rows <= 0 || cols <= 0) {
      throw new IllegalArgumentException(
          "bad image set shape: count=" + count + " rows=" + rows + " cols=" + cols);
    }
    if (pixels.length != (long) count * rows * cols) {
      throw new IllegalArgumentException(
          "pixels hold " + pixels.length + " bytes, expected " + (long) count * rows * cols);
    }
    if (labels.length != count) {
      throw new IllegalArgumentException("labels hold " + labels.length + " bytes, expected " + count);
    }
  }

  /** The number of pixels in one image. */
  public int pixelsPerImage() {
    return rows * cols;
  }

  /** The pixel at a flat index into {@link #pixels()}, 0..255. */
  public int pixel(int index) {
    return pixels[index] & 0xFF;
  }

  /** The pixel at {@code (row, col)} of image {@code image}, 0..255. */
  public int pixel(int image, int row, int col) {
    return pixels[image * pixelsPerImage() + row * cols + col] & 0xFF;
  }

  /** The label of image {@code image}, 0..9. */
  public int label(int image) {
    return labels[image] & 0xFF;
  }

  /** A copy of one image's pixels. */
  public byte[] image(int image) {
    byte[] copy = new byte[pixelsPerImage()];
    System.arraycopy(pixels, image * pixelsPerImage(), copy, 0, copy.length);
    return copy;
  }
}
