package dev.tfj.server.http.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tfj.inference.DType;
import dev.tfj.inference.HostTensor;
import dev.tfj.inference.InvalidInputException;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Tensors as JSON values: (nested) lists of numbers, booleans or strings, and {@code {"b64": "..."}} for
 * binary strings, as TF Serving's REST API writes them. Numbers a float or double input cannot hold
 * ({@code 1e39} for a float, integers beyond its exact ones) are refused with TF Serving's message
 * ({@link LosslessNumbers}).
 */
public final class JsonTensors {

  private JsonTensors() {}

  /** Parses a value, its shape given by the nesting; {@code where} names it in error messages. */
  public static HostTensor parse(JsonNode node, DType dtype, String where) {
    List<Long> dims = new ArrayList<>();
    for (JsonNode n = node; n.isArray(); n = n.get(0)) {
      dims.add((long) n.size());
      if (n.isEmpty()) {
        break;
      }
    }
    long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
    long count = HostTensor.elementCount(shape);
    if (count > Integer.MAX_VALUE - 8) {
      throw new InvalidInputException(where + " has too many values");
    }
    Object data = Array.newInstance(dtype.elementType(), (int) count);
    fill(node, shape, 0, new int[shape.length], data, new int[1], dtype, where);
    return new HostTensor(dtype, shape, data);
  }

  private static void fill(JsonNode node, long[] shape, int depth, int[] at, Object data, int[] next, DType dtype, String where) {
    if (depth == shape.length) {
      if (node.isArray()) {
        throw new InvalidInputException(
            where + path(at, depth) + " is a list where a value was expected: the nesting is ragged");
      }
      set(data, next[0]++, node, dtype, where, at, depth);
      return;
    }
    if (!node.isArray() || node.size() != shape[depth]) {
      throw new InvalidInputException(
          where + path(at, depth) + " has " + (node.isArray() ? node.size() + " elements" : "a single value")
              + " but its siblings have " + shape[depth] + ": every list at one depth must have the same length");
    }
    for (int i = 0; i < node.size(); i++) {
      at[depth] = i;
      fill(node.get(i), shape, depth + 1, at, data, next, dtype, where);
    }
  }

  private static void set(Object data, int i, JsonNode v, DType dtype, String where, int[] at, int depth) {
    boolean ok = true;
    switch (dtype) {
      case FLOAT -> {
        ok = v.isNumber();
        if (ok && !LosslessNumbers.fitsFloat(v)) {
          throw new InvalidInputException(where + path(at, depth) + ": " + LosslessNumbers.error(v, "float"));
        }
        ((float[]) data)[i] = v.floatValue();
      }
      case DOUBLE -> {
        ok = v.isNumber();
        if (ok && !LosslessNumbers.fitsDouble(v)) {
          throw new InvalidInputException(where + path(at, depth) + ": " + LosslessNumbers.error(v, "double"));
        }
        ((double[]) data)[i] = v.doubleValue();
      }
      case INT32 -> {
        ok = isInteger(v, Integer.MIN_VALUE, Integer.MAX_VALUE);
        ((int[]) data)[i] = v.intValue();
      }
      case INT64 -> {
        ok = isInteger(v, Long.MIN_VALUE, Long.MAX_VALUE);
        ((long[]) data)[i] = v.longValue();
      }
      case UINT8 -> {
        ok = isInteger(v, 0, 255);
        ((byte[]) data)[i] = (byte) v.intValue();
      }
      case BOOL -> {
        ok = v.isBoolean();
        ((boolean[]) data)[i] = v.booleanValue();
      }
      case STRING -> ok = storeString((byte[][]) data, i, v, where + path(at, depth));
    }
    if (!ok) {
      throw new InvalidInputException(
          where + path(at, depth) + " is " + describe(v) + " but the input has dtype " + dtype.tfName()
              + " (" + expected(dtype) + ")");
    }
  }

  private static boolean isInteger(JsonNode v, long min, long max) {
    if (v.isIntegralNumber()) {
      return v.canConvertToLong() && v.longValue() >= min && v.longValue() <= max;
    }
    return v.isFloatingPointNumber() && v.doubleValue() == Math.rint(v.doubleValue())
        && v.doubleValue() >= min && v.doubleValue() <= max;
  }

  private static boolean storeString(byte[][] data, int i, JsonNode v, String where) {
    if (v.isTextual()) {
      data[i] = v.textValue().getBytes(StandardCharsets.UTF_8);
      return true;
    }
    if (v.isObject() && v.size() == 1 && v.get("b64") != null && v.get("b64").isTextual()) {
      try {
        data[i] = Base64.getDecoder().decode(v.get("b64").textValue());
        return true;
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException(where + " has invalid base64 in \"b64\": " + e.getMessage());
      }
    }
    return false;
  }

  /** True for a {@code {"b64": "..."}} value. */
  public static boolean isBinary(JsonNode v) {
    return v.isObject() && v.size() == 1 && v.has("b64");
  }

  private static String expected(DType dtype) {
    return switch (dtype) {
      case FLOAT, DOUBLE -> "numbers";
      case INT32, INT64 -> "integers";
      case UINT8 -> "integers 0..255";
      case BOOL -> "true or false";
      case STRING -> "strings or {\"b64\": ...}";
    };
  }

  private static String describe(JsonNode v) {
    String text = v.toString();
    text = text.length() > 40 ? text.substring(0, 40) + "..." : text;
    return v.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " " + text;
  }

  private static String path(int[] at, int depth) {
    StringBuilder b = new StringBuilder();
    for (int d = 0; d < depth; d++) {
      b.append('[').append(at[d]).append(']');
    }
    return b.toString();
  }

  /**
   * Writes a whole tensor of TF Serving output {@code name} as nested lists (a scalar as a value). As in TF
   * Serving, strings of outputs named {@code *_bytes} are binary and written as {@code {"b64": ...}}.
   */
  public static void writeNested(JsonGenerator g, HostTensor t, String name) throws IOException {
    writeNested(g, t, 0, 0, name.endsWith("_bytes"));
  }

  /** Writes row {@code row} of a tensor as nested lists, like {@link #writeNested}. */
  public static void writeRow(JsonGenerator g, HostTensor t, int row, String name) throws IOException {
    int stride = (int) HostTensor.elementCount(t.rowShape());
    writeNested(g, t, 1, row * stride, name.endsWith("_bytes"));
  }

  private static int writeNested(JsonGenerator g, HostTensor t, int depth, int index, boolean b64) throws IOException {
    if (depth == t.shape().length) {
      writeValue(g, t, index, b64);
      return index + 1;
    }
    g.writeStartArray();
    for (long i = 0; i < t.shape()[depth]; i++) {
      index = writeNested(g, t, depth + 1, index, b64);
    }
    g.writeEndArray();
    return index;
  }

  /** Writes all values as one flat list, row-major, strings as UTF-8 text (the Open Inference Protocol's form). */
  public static void writeFlat(JsonGenerator g, HostTensor t) throws IOException {
    g.writeStartArray();
    for (int i = 0; i < t.size(); i++) {
      writeValue(g, t, i, false);
    }
    g.writeEndArray();
  }

  private static void writeValue(JsonGenerator g, HostTensor t, int i, boolean b64) throws IOException {
    switch (t.dtype()) {
      case FLOAT -> g.writeNumber(((float[]) t.data())[i]);
      case DOUBLE -> g.writeNumber(((double[]) t.data())[i]);
      case INT32 -> g.writeNumber(((int[]) t.data())[i]);
      case INT64 -> g.writeNumber(((long[]) t.data())[i]);
      case UINT8 -> g.writeNumber(((byte[]) t.data())[i] & 0xff);
      case BOOL -> g.writeBoolean(((boolean[]) t.data())[i]);
      case STRING -> {
        byte[] bytes = ((byte[][]) t.data())[i];
        if (b64) {
          g.writeStartObject();
          g.writeStringField("b64", Base64.getEncoder().encodeToString(bytes));
          g.writeEndObject();
        } else {
          g.writeString(new String(bytes, StandardCharsets.UTF_8));
        }
      }
    }
  }
}
