package dev.tfj.inference;

import java.lang.reflect.Array;
import java.util.Arrays;
import java.util.List;

/**
 * A tensor in Java memory: an element type, a shape, and the values in row-major order in a flat
 * primitive array ({@code float[]}, {@code double[]}, {@code int[]}, {@code long[]}, {@code byte[]} for
 * UINT8, {@code boolean[]}, or {@code byte[][]} for strings).
 */
public record HostTensor(DType dtype, long[] shape, Object data) {

  public HostTensor {
    if (data.getClass().getComponentType() != dtype.elementType()) {
      throw new IllegalArgumentException(dtype + " needs a " + dtype.elementType() + " array");
    }
    long expected = elementCount(shape);
    if (Array.getLength(data) != expected) {
      throw new IllegalArgumentException(
          "shape " + Arrays.toString(shape) + " needs " + expected + " values, got " + Array.getLength(data));
    }
  }

  /** A float tensor. */
  public static HostTensor floats(long[] shape, float[] values) {
    return new HostTensor(DType.FLOAT, shape, values);
  }

  /** The number of elements a shape holds. */
  public static long elementCount(long[] shape) {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    return n;
  }

  /** The number of values. */
  public int size() {
    return Array.getLength(data);
  }

  /** The first dimension, or 1 for a scalar. */
  public long rows() {
    return shape.length == 0 ? 1 : shape[0];
  }

  /** The shape without its first dimension. */
  public long[] rowShape() {
    return shape.length == 0 ? shape : Arrays.copyOfRange(shape, 1, shape.length);
  }

  /** The values of a float tensor. */
  public float[] floats() {
    return (float[]) data;
  }

  /** The values of a float or double tensor as floats. */
  public float[] toFloats() {
    if (dtype == DType.FLOAT) {
      return floats();
    }
    double[] d = (double[]) data;
    float[] f = new float[d.length];
    for (int i = 0; i < d.length; i++) {
      f[i] = (float) d[i];
    }
    return f;
  }

  /** Rows {@code [from, to)} as a new tensor. */
  public HostTensor rows(int from, int to) {
    int stride = (int) elementCount(rowShape());
    Object part = Array.newInstance(dtype.elementType(), (to - from) * stride);
    System.arraycopy(data, from * stride, part, 0, (to - from) * stride);
    long[] newShape = shape.clone();
    newShape[0] = to - from;
    return new HostTensor(dtype, newShape, part);
  }

  /** {@code rows} rows of zeros (empty strings, false) shaped like this tensor's rows. */
  public HostTensor zeroRows(long rows) {
    long[] newShape = shape.clone();
    newShape[0] = rows;
    Object values = Array.newInstance(dtype.elementType(), (int) elementCount(newShape));
    if (values instanceof byte[][] strings) {
      Arrays.fill(strings, new byte[0]);
    }
    return new HostTensor(dtype, newShape, values);
  }

  /** Joins tensors of one type and row shape along their first dimension. */
  public static HostTensor concat(List<HostTensor> parts) {
    HostTensor first = parts.get(0);
    long rows = parts.stream().mapToLong(HostTensor::rows).sum();
    int total = parts.stream().mapToInt(HostTensor::size).sum();
    Object all = Array.newInstance(first.dtype.elementType(), total);
    int at = 0;
    for (HostTensor p : parts) {
      System.arraycopy(p.data, 0, all, at, p.size());
      at += p.size();
    }
    long[] shape = first.shape.clone();
    shape[0] = rows;
    return new HostTensor(first.dtype, shape, all);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HostTensor t
        && dtype == t.dtype
        && Arrays.equals(shape, t.shape)
        && Arrays.deepEquals(new Object[] {data}, new Object[] {t.data});
  }

  @Override
  public int hashCode() {
    return 31 * dtype.hashCode() + Arrays.hashCode(shape);
  }

  @Override
  public String toString() {
    return dtype + Arrays.toString(shape);
  }
}
