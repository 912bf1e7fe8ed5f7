package dev.tfj.spark;

import dev.tfj.bundle.ServingSignature;
import dev.tfj.inference.ImageBatch;
import dev.tfj.inference.InvalidInputException;
import dev.tfj.inference.image.ImageDecoder;
import dev.tfj.inference.image.InvalidImageException;
import dev.tfj.inference.image.MnistPreprocessor;
import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A column that holds one image per row, and how its value becomes 784 intensities: encoded PNG/JPEG bytes
 * (reduced to 28x28 exactly as {@code tfj predict} and the server's image endpoint do it), 784 raw pixel bytes
 * (an IDX image), or numbers, flat (784) or nested (28 rows of 28): integers are pixels 0..255 (bytes read as
 * unsigned), floats and doubles are intensities in [0,1].
 */
public record ImageColumn(String name, Kind kind) implements Serializable {

  private static final int SIDE = ServingSignature.IMAGE_SIZE;

  /** How the column holds an image. */
  public enum Kind {
    /** binary: a PNG or JPEG file's bytes. */
    ENCODED,
    /** binary: 784 unsigned pixel bytes, row-major, as an IDX file holds them. */
    RAW_PIXELS,
    /** array of 784 numbers, or of 28 arrays of 28. */
    NUMBERS
  }

  /** Encoded PNG/JPEG bytes in {@code name}. */
  public static ImageColumn encoded(String name) {
    return new ImageColumn(name, Kind.ENCODED);
  }

  /** 784 raw pixel bytes in {@code name}. */
  public static ImageColumn rawPixels(String name) {
    return new ImageColumn(name, Kind.RAW_PIXELS);
  }

  /**
   * The column {@code name} of {@code schema}: binary is taken as encoded PNG/JPEG, an array (or array of
   * arrays) of numbers as pixels.
   *
   * @throws IllegalArgumentException when there is no such column or it holds neither
   */
  public static ImageColumn of(StructType schema, String name) {
    StructField field = field(schema, name);
    DataType type = field.dataType();
    if (type instanceof BinaryType) {
      return encoded(name);
    }
    if (numbers(type) != null) {
      return new ImageColumn(name, Kind.NUMBERS);
    }
    throw new IllegalArgumentException("column '" + name + "' is " + type.simpleString()
        + "; images are binary (PNG/JPEG bytes) or an array of 784 numbers (or 28 arrays of 28)");
  }

  /** The field of {@code schema} called {@code name}, or an error listing the columns there are. */
  static StructField field(StructType schema, String name) {
    for (StructField f : schema.fields()) {
      if (f.name().equals(name)) {
        return f;
      }
    }
    throw new IllegalArgumentException("no column '" + name + "'; the input has " + List.of(schema.fieldNames()));
  }

  /** The element type of a flat or nested numeric array, or null for any other type. */
  private static DataType numbers(DataType type) {
    if (!(type instanceof ArrayType array)) {
      return null;
    }
    DataType element = array.elementType() instanceof ArrayType inner ? inner.elementType() : array.elementType();
    boolean numeric = element instanceof ByteType || element instanceof ShortType || element instanceof IntegerType
        || element instanceof LongType || element instanceof FloatType || element instanceof DoubleType;
    return numeric ? element : null;
  }

  /**
   * The 784 intensities of the image in {@code row}'s field {@code index}; {@code id} names it in errors.
   *
   * @throws InvalidInputException when the value is not an image of this kind
   */
  float[] pixels(Row row, int index, String id) {
    if (row.isNullAt(index)) {
      throw new InvalidInputException(id + ": no image (null " + name + ")");
    }
    return switch (kind) {
      case ENCODED -> decode(row.getAs(index), id);
      case RAW_PIXELS -> raw(row.getAs(index), id);
      case NUMBERS -> numbers(row.getList(index), id);
    };
  }

  private static float[] decode(byte[] bytes, String id) {
    try {
      return MnistPreprocessor.toMnist(ImageDecoder.decode(bytes));
    } catch (InvalidImageException e) {
      throw new InvalidInputException(id + ": " + e.getMessage());
    }
  }

  private static float[] raw(byte[] bytes, String id) {
    if (bytes.length != ImageBatch.PIXELS) {
      throw new InvalidInputException(id + ": " + bytes.length + " pixel bytes; a 28x28 image has " + ImageBatch.PIXELS);
    }
    return ImageBatch.ofBytes(bytes, 0, 1).pixels();
  }

  private float[] numbers(List<Object> values, String id) {
    List<?> flat = !values.isEmpty() && values.get(0) instanceof scala.collection.Seq<?> ? flatten(values, id) : values;
    if (flat.size() != ImageBatch.PIXELS) {
      throw new InvalidInputException(id + ": " + flat.size() + " values in '" + name + "'; a 28x28 image has "
          + ImageBatch.PIXELS);
    }
    if (flat.contains(null)) {
      throw new InvalidInputException(id + ": a null value in '" + name + "'");
    }
    boolean integers = flat.get(0) instanceof Byte || flat.get(0) instanceof Short || flat.get(0) instanceof Integer
        || flat.get(0) instanceof Long;
    return integers ? fromPixelValues(flat, id) : fromIntensities(flat, id);
  }

  private static List<?> flatten(List<Object> rows, String id) {
    if (rows.size() != SIDE) {
      throw new InvalidInputException(id + ": " + rows.size() + " rows; a 28x28 image has " + SIDE);
    }
    return rows.stream()
        .flatMap(r -> scala.jdk.javaapi.CollectionConverters.asJava((scala.collection.Seq<?>) r).stream())
        .toList();
  }

  private static float[] fromPixelValues(List<?> values, String id) {
    byte[] bytes = new byte[values.size()];
    for (int i = 0; i < bytes.length; i++) {
      Object value = values.get(i);
      long v = value instanceof Byte b ? b & 0xFF : ((Number) value).longValue(); // a byte column holds 0..255 too
      if (v < 0 || v > 255) {
        throw new InvalidInputException(id + ": pixel " + i + " is " + v + "; integer pixels are 0..255");
      }
      bytes[i] = (byte) v;
    }
    return ImageBatch.ofBytes(bytes, 0, 1).pixels();
  }

  private static float[] fromIntensities(List<?> values, String id) {
    float[] unit = new float[values.size()];
    for (int i = 0; i < unit.length; i++) {
      float v = ((Number) values.get(i)).floatValue();
      if (!(v >= 0 && v <= 1)) {
        throw new InvalidInputException(String.format(Locale.ROOT,
            "%s: value %d is %s; floating-point pixels are intensities 0..1 (give integers for 0..255)", id, i, v));
      }
      unit[i] = v;
    }
    return unit;
  }
}
