package dev.tfj.server.http.tfserving;

import com.fasterxml.jackson.core.io.NumberInput;
import dev.tfj.inference.DType;
import dev.tfj.inference.HostTensor;
import dev.tfj.inference.SignatureSpec;
import dev.tfj.inference.TensorSpec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * The common predict body, {@code {"instances": [...numbers nested to the row shape...]}} with an optional
 * {@code "signature_name"}, scanned byte by byte straight into a flat array: no token objects, no tree of
 * one node per number. Numbers are converted by Jackson's own routine ({@link NumberInput}, the fast
 * correctly rounded parser the general path also uses), so both paths give the same values. Anything else
 * (named or binary instances, {@code "inputs"}, other fields, escapes in strings, ragged nesting,
 * non-numbers, integers beyond 32 bits, malformed JSON) is not handled here: {@link #read} returns null and
 * the caller parses the body the general way, which gives the same result or the usual error.
 */
record StreamedRows(String signatureName, long[] shape, double[] values) {

  /** The body as rows of numbers, or null when it is not of that simple form. */
  static StreamedRows read(byte[] body) {
    try {
      return new Scanner(body).body();
    } catch (NotSimple | RuntimeException e) {
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

  /** Thrown by the scanner at the first thing outside the simple form; never leaves {@link #read}. */
  private static final class NotSimple extends Exception {
    static final NotSimple INSTANCE = new NotSimple();

    private NotSimple() {
      super(null, null, false, false);
    }
  }

  /** A recursive-descent scanner for the simple body; every list at one depth as long as the first one there. */
  private static final class Scanner {
    private static final byte[] INSTANCES = "instances".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SIGNATURE_NAME = "signature_name".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_DEPTH = 8;
    private static final double[] POWERS_OF_TEN = new double[23];

    static {
      POWERS_OF_TEN[0] = 1;
      for (int i = 1; i < POWERS_OF_TEN.length; i++) {
        POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10; // exact up to 1e22
      }
    }

    private final byte[] in;
    private int pos;
    private final long[] shape = new long[MAX_DEPTH];
    private long seen; // bit d: shape[d] is fixed
    private int depth = -1; // nesting depth of the numbers, once the first number is seen
    private double[] data = new double[1024];
    private int count;
    private final char[] digits = new char[64];

    Scanner(byte[] in) {
      this.in = in;
    }

    StreamedRows body() throws NotSimple {
      expect('{');
      String signatureName = null;
      boolean sawName = false;
      boolean sawInstances = false;
      int c;
      do {
        int key = stringStart();
        int keyEnd = stringEnd();
        expect(':');
        if (equals(key, keyEnd, INSTANCES) && !sawInstances) {
          sawInstances = true;
          expect('[');
          list(0);
        } else if (equals(key, keyEnd, SIGNATURE_NAME) && !sawName) {
          sawName = true;
          signatureName = stringOrNull();
        } else {
          throw NotSimple.INSTANCE;
        }
        c = next();
      } while (c == ',');
      skipSpace();
      if (c != '}' || pos != in.length || !sawInstances) {
        throw NotSimple.INSTANCE;
      }
      return new StreamedRows(signatureName, Arrays.copyOf(shape, depth), Arrays.copyOf(data, count));
    }

    /** The rest of a list whose '[' was just read at depth {@code d}. */
    private void list(int d) throws NotSimple {
      if (d >= MAX_DEPTH || (depth >= 0 && d >= depth)) {
        throw NotSimple.INSTANCE;
      }
      if (depth == d + 1) {
        leaves(d);
        return;
      }
      long n = 0;
      int c;
      do {
        c = next();
        if (c == '[') {
          list(d + 1);
        } else if (c < 0) {
          throw NotSimple.INSTANCE;
        } else {
          pos--;
          if (depth < 0) {
            depth = d + 1;
          }
          if (depth != d + 1) {
            throw NotSimple.INSTANCE;
          }
          addNumber();
        }
        n++;
        c = next();
      } while (c == ',');
      if (c != ']') {
        throw NotSimple.INSTANCE;
      }
      // the first complete list at a depth fixes its length; every later one must match
      if ((seen & (1L << d)) == 0) {
        shape[d] = n;
        seen |= 1L << d;
      } else if (shape[d] != n) {
        throw NotSimple.INSTANCE;
      }
    }

    /** The rest of a list of numbers whose '[' was just read at depth {@code d}, the depth of the numbers. */
    private void leaves(int d) throws NotSimple {
      long n = 0;
      int c;
      do {
        skipSpace();
        addNumber();
        n++;
        c = next();
      } while (c == ',');
      if (c != ']' || shape[d] != n) {
        throw NotSimple.INSTANCE;
      }
    }

    private void addNumber() throws NotSimple {
      if (count == data.length) {
        data = Arrays.copyOf(data, count * 2);
      }
      data[count++] = number();
    }

    /** A JSON number, or NaN / Infinity / -Infinity as the general path accepts them. */
    private double number() throws NotSimple {
      int start = pos;
      boolean negative = pos < in.length && in[pos] == '-';
      if (negative) {
        pos++;
      }
      if (pos < in.length && (in[pos] == 'I' || in[pos] == 'N')) {
        if (matches("Infinity")) {
          return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (!negative && matches("NaN")) {
          return Double.NaN;
        }
        throw NotSimple.INSTANCE;
      }
      // the digits as one integer significand, as long as it stays exact
      long significand = 0;
      int significantDigits = 0;
      int intStart = pos;
      if (pos < in.length && in[pos] == '0') {
        pos++;
      } else {
        for (; pos < in.length && in[pos] >= '0' && in[pos] <= '9'; pos++) {
          if (significantDigits < 18) {
            significand = significand * 10 + (in[pos] - '0');
          }
          significantDigits++;
        }
      }
      int intDigits = pos - intStart;
      if (intDigits == 0) {
        throw NotSimple.INSTANCE;
      }
      boolean integer = true;
      int fractionDigits = 0;
      if (pos < in.length && in[pos] == '.') {
        pos++;
        integer = false;
        int from = pos;
        for (; pos < in.length && in[pos] >= '0' && in[pos] <= '9'; pos++) {
          if (significantDigits < 18) {
            significand = significand * 10 + (in[pos] - '0');
            fractionDigits++;
            if (significand != 0) {
              significantDigits++;
            }
          } else {
            significantDigits++; // too long for the fast path
          }
        }
        if (pos == from) {
          throw NotSimple.INSTANCE;
        }
      }
      int exponent = 0;
      if (pos < in.length && (in[pos] == 'e' || in[pos] == 'E')) {
        pos++;
        integer = false;
        boolean negativeExponent = pos < in.length && in[pos] == '-';
        if (pos < in.length && (in[pos] == '+' || in[pos] == '-')) {
          pos++;
        }
        int from = pos;
        for (; pos < in.length && in[pos] >= '0' && in[pos] <= '9'; pos++) {
          exponent = Math.min(exponent * 10 + (in[pos] - '0'), 100_000);
        }
        if (pos == from) {
          throw NotSimple.INSTANCE;
        }
        exponent = negativeExponent ? -exponent : exponent;
      }
      if (integer) {
        if (intDigits > 10) {
          throw NotSimple.INSTANCE; // beyond 32 bits: leave its rounding to the general path
        }
        long v = negative ? -significand : significand;
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
          throw NotSimple.INSTANCE;
        }
        return (int) v; // as the general path: an int, so -0 is 0
      }
      // Clinger's fast path: an exact significand below 2^53 times an exact power of ten, rounded once
      int power = exponent - fractionDigits;
      if (significantDigits <= 15 && power >= -22 && power <= 22) {
        double magnitude = significand == 0 ? 0.0
            : power < 0 ? significand / POWERS_OF_TEN[-power] : significand * POWERS_OF_TEN[power];
        return negative ? -magnitude : magnitude;
      }
      int len = pos - start;
      if (len > digits.length) {
        throw NotSimple.INSTANCE;
      }
      for (int i = 0; i < len; i++) {
        digits[i] = (char) in[start + i];
      }
      return NumberInput.parseDouble(digits, 0, len, true);
    }

    private boolean matches(String word) {
      int end = pos + word.length();
      if (end > in.length) {
        return false;
      }
      for (int i = 0; i < word.length(); i++) {
        if (in[pos + i] != word.charAt(i)) {
          return false;
        }
      }
      pos = end;
      return true;
    }

    private String stringOrNull() throws NotSimple {
      skipSpace();
      if (matches("null")) {
        return null;
      }
      int start = stringStart();
      int end = stringEnd();
      return new String(in, start, end - start, StandardCharsets.UTF_8);
    }

    /** Reads the opening quote; returns where the string's bytes begin. */
    private int stringStart() throws NotSimple {
      expect('"');
      return pos;
    }

    /** Reads to the closing quote; returns where the string's bytes end. Escapes and controls: not simple. */
    private int stringEnd() throws NotSimple {
      for (; pos < in.length; pos++) {
        byte b = in[pos];
        if (b == '"') {
          return pos++;
        }
        if (b == '\\' || (b >= 0 && b < 0x20)) {
          throw NotSimple.INSTANCE;
        }
      }
      throw NotSimple.INSTANCE;
    }

    private boolean equals(int from, int to, byte[] word) {
      return Arrays.equals(in, from, to, word, 0, word.length);
    }

    private void expect(char c) throws NotSimple {
      if (next() != c) {
        throw NotSimple.INSTANCE;
      }
    }

    /** The next byte after white space, or -1 at the end. */
    private int next() {
      skipSpace();
      return pos < in.length ? in[pos++] : -1;
    }

    private void skipSpace() {
      while (pos < in.length) {
        byte b = in[pos];
        if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
          return;
        }
        pos++;
      }
    }
  }
}
