package dev.tfj.server.http.tfserving;

import com.fasterxml.jackson.core.io.NumberInput;
import dev.tfj.inference.DType;
import dev.tfj.inference.HostTensor;
import dev.tfj.inference.InvalidInputException;
import dev.tfj.inference.SignatureSpec;
import dev.tfj.inference.TensorSpec;
import dev.tfj.server.http.internal.LosslessNumbers;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;

/**
 * The common predict body, {@code {"instances": [...numbers nested to the row shape...]}} with an optional
 * {@code "signature_name"} before or after it, scanned byte by byte straight into the flat array of the
 * signature's single float or double input: no token objects, no tree of one node per number. The signature
 * is looked up when {@code "instances"} is reached (by the name read so far, else the default) so the
 * numbers land in its dtype as they are read. Numbers are converted by Jackson's own routine
 * ({@link NumberInput}, the fast correctly rounded parser the general path also uses), so both paths give
 * the same values. Anything else (named or binary instances, {@code "inputs"}, other fields, escapes in
 * strings, ragged nesting, non-numbers, integers beyond 32 bits, numbers a float input cannot hold
 * ({@link LosslessNumbers}), malformed JSON, a signature with other inputs) is not handled here:
 * {@link #read} returns null and the caller parses the body the general way, which gives the same result
 * or the usual error. The scanner meets the forms it leaves alone at their first
 * bytes, before any number is read, except for errors and oddities after the numbers.
 */
final class StreamedRows {

  private StreamedRows() {}

  /**
   * The body as rows of numbers for the signature it names, or null when it is not of that simple form.
   * {@code signatures} looks up a signature name (null for the default) and is asked at most twice: once
   * for the rows, and again only for a different {@code "signature_name"} found after them.
   */
  static PredictBody read(byte[] body, Function<String, SignatureSpec> signatures) {
    try {
      return new Scanner(body, signatures).body();
    } catch (NotSimple | RuntimeException e) {
      return null; // the general parse reports it
    }
  }

  /** The single float or double input the rows are for; not simple for any other signature. */
  private static TensorSpec onlyNumericInput(SignatureSpec sig) throws NotSimple {
    if (sig.inputs().size() != 1) {
      throw NotSimple.INSTANCE;
    }
    TensorSpec only = sig.inputs().values().iterator().next();
    DType dtype = only.dtype().orElse(null);
    if (dtype != DType.FLOAT && dtype != DType.DOUBLE) {
      throw NotSimple.INSTANCE;
    }
    return only;
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
    private final Function<String, SignatureSpec> signatures;
    private int pos;
    private final long[] shape = new long[MAX_DEPTH];
    private long seen; // bit d: shape[d] is fixed
    private int depth = -1; // nesting depth of the numbers, once the first number is seen
    private boolean floats; // the input's dtype: FLOAT into floatData, DOUBLE into doubleData
    private float[] floatData;
    private double[] doubleData;
    private int count;
    private final char[] digits = new char[64];
    private boolean integerLiteral; // the last number was written without a fraction or exponent

    Scanner(byte[] in, Function<String, SignatureSpec> signatures) {
      this.in = in;
      this.signatures = signatures;
    }

    PredictBody body() throws NotSimple {
      expect('{');
      String signatureName = null;
      boolean sawName = false;
      SignatureSpec sig = null;
      TensorSpec input = null;
      int c;
      do {
        int key = stringStart();
        int keyEnd = stringEnd();
        expect(':');
        if (equals(key, keyEnd, INSTANCES) && sig == null) {
          sig = lookUp(signatureName);
          input = onlyNumericInput(sig);
          floats = input.dtype().orElseThrow() == DType.FLOAT;
          if (floats) {
            floatData = new float[1024];
          } else {
            doubleData = new double[1024];
          }
          expect('[');
          list(0);
        } else if (equals(key, keyEnd, SIGNATURE_NAME) && !sawName) {
          sawName = true;
          signatureName = stringOrNull();
          if (sig != null) { // named after the rows: they fit if its input is the one they were read for
            SignatureSpec named = lookUp(signatureName);
            if (!sameInput(named, input)) {
              throw NotSimple.INSTANCE;
            }
            sig = named;
          }
        } else {
          throw NotSimple.INSTANCE;
        }
        c = next();
      } while (c == ',');
      skipSpace();
      if (c != '}' || pos != in.length || sig == null) {
        throw NotSimple.INSTANCE;
      }
      long[] dims = Arrays.copyOf(shape, depth);
      HostTensor tensor = floats
          ? new HostTensor(DType.FLOAT, dims, Arrays.copyOf(floatData, count))
          : new HostTensor(DType.DOUBLE, dims, Arrays.copyOf(doubleData, count));
      return new PredictBody(sig, false, Map.of(input.name(), tensor));
    }

    /** A signature by name; one the model does not have is left to the general parse to report. */
    private SignatureSpec lookUp(String name) throws NotSimple {
      try {
        return signatures.apply(name);
      } catch (InvalidInputException e) {
        throw NotSimple.INSTANCE; // reported after the body is known to be well formed, as the general parse does
      }
    }

    private static boolean sameInput(SignatureSpec sig, TensorSpec input) throws NotSimple {
      TensorSpec other = onlyNumericInput(sig);
      return other.name().equals(input.name()) && other.dtype().equals(input.dtype());
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
      double v = number();
      if (floats) {
        if (integerLiteral ? !LosslessNumbers.integerFitsFloat((long) v) : !LosslessNumbers.fitsFloat(v)) {
          throw NotSimple.INSTANCE; // beyond a float: the general parse refuses it as TF Serving does
        }
        if (count == floatData.length) {
          floatData = Arrays.copyOf(floatData, count * 2);
        }
        floatData[count++] = (float) v; // as the general path's DoubleNode.floatValue()
      } else {
        if (count == doubleData.length) {
          doubleData = Arrays.copyOf(doubleData, count * 2);
        }
        doubleData[count++] = v;
      }
    }

    /** A JSON number, or NaN / Infinity / -Infinity as the general path accepts them. */
    private double number() throws NotSimple {
      integerLiteral = false;
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
        integerLiteral = true;
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
      double v = NumberInput.parseDouble(digits, 0, len, true);
      if (Double.isInfinite(v)) {
        throw NotSimple.INSTANCE; // beyond a double: the general parse refuses it as TF Serving does
      }
      return v;
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
