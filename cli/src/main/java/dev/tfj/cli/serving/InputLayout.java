package dev.tfj.cli.serving;

import dev.tfj.cli.UserError;
import java.util.Arrays;

/** How a batch of 28x28 images is shaped for a model's input tensor. */
public enum InputLayout {
  /** {@code [N,28,28,1]}: NHWC with one channel (tfj bundles, Keras Conv2D models). */
  NHWC("N,28,28,1", new long[] {28, 28, 1}),
  /** {@code [N,28,28]}: no channel axis (Keras {@code Flatten(input_shape=(28,28))}). */
  NHW("N,28,28", new long[] {28, 28}),
  /** {@code [N,784]}: flattened rows. */
  FLAT("N,784", new long[] {784});

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

  /** Parses {@code N,28,28,1}, {@code [-1,28,28]}, {@code 784} and the like. */
  public static InputLayout parse(String value) {
    String v = value.replaceAll("[\\[\\]\\s]", "").replaceFirst("^(N|-1|\\?|None),", "");
    for (InputLayout layout : values()) {
      if (layout.text.substring(2).equals(v) || layout.name().equalsIgnoreCase(v)) {
        return layout;
      }
    }
    throw UserError.usage("--layout '" + value + "': choose one of N,28,28,1  N,28,28  N,784");
  }

  /** The layout an input shape calls for, or null when the shape does not say (unknown rank or sizes). */
  public static InputLayout of(long[] shape) {
    if (shape == null) {
      return null;
    }
    long[] row = Arrays.copyOfRange(shape, 1, shape.length);
    for (InputLayout layout : values()) {
      if (Arrays.equals(row, layout.rowShape)) {
        return layout;
      }
    }
    return null;
  }
}
