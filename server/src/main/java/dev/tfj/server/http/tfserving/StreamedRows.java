package dev.tfj.server.http.tfserving;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.tfj.server.http.internal.Json;
import dev.tfj.server.predict.DType;
import dev.tfj.server.predict.HostTensor;
import dev.tfj.server.predict.SignatureSpec;
import dev.tfj.server.predict.TensorSpec;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;

/**
 * The common predict body, {@code {"instances": [...numbers nested to the row shape...]}} with an optional
 * {@code "signature_name"}, read with Jackson's streaming parser straight into a flat array instead of a
 * tree of one node per number. Anything else (named or binary instances, {@code "inputs"}, other fields,
 * ragged nesting, non-numbers, huge integers, malformed JSON) is not handled here: {@link #read} returns
 * null and the caller parses the body the general way, which gives the same result or the usual error.
 */
record StreamedRows(String signatureName, long[] shape, double[] values) {

  /** The body as rows of numbers, or null when it is not of that simple form. */
  static StreamedRows read(byte[] body) {
    if (body.length == 0) {
      return null;
    }
    try (JsonParser p = Json.MAPPER.getFactory().createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      String signatureName = null;
      boolean sawName = false;
      Values values = null;
      for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
        if (t != JsonToken.FIELD_NAME) {
          return null;
        }
        String field = p.currentName();
        JsonToken v = p.nextToken();
        if ("instances".equals(field) && values == null && v == JsonToken.START_ARRAY) {
          values = new Values();
          if (!values.readArray(p, 0)) {
            return null;
          }
        } else if ("signature_name".equals(field) && !sawName && (v == JsonToken.VALUE_STRING || v == JsonToken.VALUE_NULL)) {
          sawName = true;
          signatureName = v == JsonToken.VALUE_NULL ? null : p.getText();
        } else {
          return null;
        }
      }
      if (p.nextToken() != null || values == null || values.shape[0] == 0) {
        return null;
      }
      return new StreamedRows(signatureName, Arrays.copyOf(values.shape, values.depth), Arrays.copyOf(values.data, values.count));
    } catch (IOException | RuntimeException e) {
      return null; // the general parse reports it
    }
  }

  /**
   * The inputs for {@code sig} when it has a single float or double input, the types {@code PredictBody}
   * would give them; null otherwise.
   */
  Map<String, HostTensor> inputs(SignatureSpec sig) {
    if (sig.inputs().size() != 1) {
      return null;
    }
    TensorSpec only = sig.inputs().values().iterator().next();
    DType dtype = only.dtype().orElse(null);
    if (dtype == DType.FLOAT) {
      float[] f = new float[values.length];
      for (int i = 0; i < f.length; i++) {
        f[i] = (float) values[i];
      }
      return Map.of(only.name(), new HostTensor(DType.FLOAT, shape, f));
    }
    if (dtype == DType.DOUBLE) {
      return Map.of(only.name(), new HostTensor(DType.DOUBLE, shape, values));
    }
    return null;
  }

  /** Numbers nested in lists, every list at one depth as long as the first one at that depth. */
  private static final class Values {
    long[] shape = new long[8];
    int depth = -1; // nesting depth of the numbers, once the first number is seen
    double[] data = new double[1024];
    int count;

    /** Reads the rest of a list whose START_ARRAY was just read at depth {@code d}; false if not simple. */
    boolean readArray(JsonParser p, int d) throws IOException {
      if (d >= shape.length || (depth >= 0 && d >= depth)) {
        return false;
      }
      long n = 0;
      for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
        if (t == JsonToken.START_ARRAY) {
          if (!readArray(p, d + 1)) {
            return false;
          }
        } else if (t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_NUMBER_INT) {
          if (depth < 0) {
            depth = d + 1;
          }
          if (depth != d + 1) {
            return false;
          }
          double v;
          if (t == JsonToken.VALUE_NUMBER_INT) {
            if (p.getNumberType() != JsonParser.NumberType.INT) {
              return false; // long or big integers: leave their rounding to the general path
            }
            v = p.getIntValue();
          } else {
            v = p.getDoubleValue();
          }
          if (count == data.length) {
            data = Arrays.copyOf(data, count * 2);
          }
          data[count++] = v;
        } else {
          return false;
        }
        n++;
      }
      if (n == 0) {
        return false;
      }
      // the first complete list at a depth fixes its length; every later one must match
      if (firstAt(d)) {
        shape[d] = n;
        seen |= 1L << d;
      } else if (shape[d] != n) {
        return false;
      }
      return true;
    }

    long seen;

    boolean firstAt(int d) {
      return (seen & (1L << d)) == 0;
    }
  }
}
