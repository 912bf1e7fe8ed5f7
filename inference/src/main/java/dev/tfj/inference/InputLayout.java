package dev.tfj.inference;

import dev.tfj.bundle.ServingSignature;
import java.util.Arrays;
import java.util.Optional;

/** How a batch of 28x28 images is shaped for a model's input tensor. */
public enum InputLayout {
  /** {@code [N,28,28,1]}: NHWC with one channel (tfj bundles, Keras Conv2D models). */
  NHWC("N,28,28,1", new long[] {ServingSignature.IMAGE_SIZE, ServingSignature.IMAGE_SIZE, 1}),
  /** {@code [N,28,28]}: no channel axis (Keras {@code Flatten(input_shape=(28,28))}). */
  NHW("N,28,28", new long[] {ServingSignature.IMAGE_SIZE, ServingSignature.IMAGE_SIZE}),
  /** {@code [N,784]}: flattened rows. */
  FLAT("N,784", new long[] {ServingSignature.IMAGE_SIZE * ServingSignature.IMAGE_SIZE});

  private final String text;
  private final long[] rowShape;

  InputLayout(String text, long[] rowShape) {
    this.text = text;
    this.rowShape = rowShape;
  }

  /** The shape of a batch of {@code count} images. */
  public long[] shape(int count) {
    long[] shape = new long[rowShape.length + 1];
    shape[0] = count;
    System.arraycopy(rowShape, 0, shape, 1, rowShape.length);
    return shape;
  }

  /** How people write it: {@code N,28,28,1}. */
  public String text() {
    return text;
  }

  /** Reads {@code N,28,28,1}, {@code [-1,28,28]}, {@code 784}, {@code nhwc} and the like. */
  public static Optional<InputLayout> fromText(String value) {
    String v = value.replaceAll("[\\[\\]\\s]", "").replaceFirst("^(N|-1|\\?|None),", "");
    for (InputLayout layout : values()) {
      if (layout.text.substring(2).equals(v) || layout.name().equalsIgnoreCase(v)) {
        return Optional.of(layout);
      }
    }
    return Optional.empty();
  }

  /**
   * The layout an input shape calls for: the one whose rank matches and whose sizes agree wherever the
   * shape fixes one ({@code -1} agrees with any). Empty when the rank is unknown or no layout fits.
   */
  public static Optional<InputLayout> of(long[] shape) {
    if (shape == null) {
      return Optional.empty();
    }
    long[] row = Arrays.copyOfRange(shape, 1, shape.length);
    for (InputLayout layout : values()) {
      if (layout.fits(row)) {
        return Optional.of(layout);
      }
    }
    return Optional.empty();
  }

  private boolean fits(long[] row) {
    if (row.length != rowShape.length) {
      return false;
    }
    for (int d = 0; d < row.length; d++) {
      if (row[d] >= 0 && row[d] != rowShape[d]) {
        return false;
      }
    }
    return true;
  }
}
