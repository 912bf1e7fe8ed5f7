package dev.tfj.server.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * TF Serving's rule for JSON numbers going into a float or double tensor ({@code IsLosslessDecimal} in
 * {@code tensorflow_serving/util/json_tensor.cc}), and its error: a finite number outside the type's range
 * ({@code 1e39} for a float), or an integer literal beyond the type's exact integers (2^24 - 1 for a float,
 * 2^53 - 1 for a double), is refused with "Cannot convert JSON value: 1e+39 to float without loss of
 * precision." {@code NaN} and the infinities pass, and so does a number with a fraction or an exponent
 * inside the range, which is rounded.
 */
public final class LosslessNumbers {

  private static final double FLOAT_MAX = Float.MAX_VALUE;
  private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
  private static final BigInteger INT64_MIN = BigInteger.valueOf(Long.MIN_VALUE);

  private LosslessNumbers() {}

  /** True when TF Serving takes the number into a float tensor ({@code DT_FLOAT}). */
  public static boolean fitsFloat(JsonNode v) {
    return fits(v, true);
  }

  /** True when TF Serving takes the number into a double tensor ({@code DT_DOUBLE}). */
  public static boolean fitsDouble(JsonNode v) {
    return fits(v, false);
  }

  /** True for a number written with a fraction or exponent (not an integer literal) that fits a float. */
  public static boolean fitsFloat(double v) {
    return !Double.isFinite(v) || (v <= FLOAT_MAX && v >= -FLOAT_MAX);
  }

  /** True for an integer literal that TF Serving takes into a float tensor. */
  public static boolean integerFitsFloat(long v) {
    return Math.abs(v) <= (1L << 24) - 1;
  }

  /**
   * True for a number TF Serving's parser (RapidJSON) holds as a 64-bit integer: an integer literal from
   * -2^63 to 2^64 - 1. Every other number, integer literals wider than that included, it holds as a double.
   */
  public static boolean heldAsInteger(JsonNode v) {
    if (!v.isIntegralNumber()) {
      return false;
    }
    BigInteger i = v.bigIntegerValue();
    return i.compareTo(INT64_MIN) >= 0 && i.compareTo(UINT64_MAX) <= 0;
  }

  private static boolean fits(JsonNode v, boolean toFloat) {
    if (heldAsInteger(v)) {
      // it must be an integer the type represents exactly
      long maxInt = (1L << (toFloat ? 24 : 53)) - 1;
      return v.bigIntegerValue().abs().compareTo(BigInteger.valueOf(maxInt)) <= 0;
    }
    return !toFloat || fitsFloat(v.doubleValue());
  }

  /** TF Serving's message for a number refused for {@code type} ("float" or "double"). */
  public static String error(JsonNode v, String type) {
    return "Cannot convert JSON value: " + shown(v) + " to " + type + " without loss of precision.";
  }

  /** The number as TF Serving writes it in errors: integers as written, doubles by {@link #formatDouble}. */
  private static String shown(JsonNode v) {
    return heldAsInteger(v) ? v.bigIntegerValue().toString() : formatDouble(v.doubleValue());
  }

  /**
   * A finite double as TF Serving's {@code WriteDecimal<double>} writes it: C's {@code %g} (six significant
   * digits, as {@code absl::StrCat}), or {@code %.17g} when that does not read back as the same double, with
   * {@code .0} added to a whole number written without an exponent.
   */
  static String formatDouble(double v) {
    String s = formatG(v, 6);
    if (Double.parseDouble(s) != v) {
      s = formatG(v, 17);
    }
    if (s.indexOf('.') < 0 && s.indexOf('e') < 0) {
      s += ".0";
    }
    return s;
  }

  /** C's {@code printf("%.<precision>g")} of a finite double: trailing zeros dropped, exponent of 2+ digits. */
  static String formatG(double v, int precision) {
    if (v == 0) {
      return (1 / v < 0) ? "-0" : "0";
    }
    BigDecimal rounded = new BigDecimal(v).round(new MathContext(precision, RoundingMode.HALF_EVEN));
    int exponent = rounded.precision() - rounded.scale() - 1;
    if (exponent < -4 || exponent >= precision) {
      String digits = rounded.unscaledValue().abs().toString().replaceFirst("0+$", "");
      StringBuilder b = new StringBuilder();
      if (rounded.signum() < 0) {
        b.append('-');
      }
      b.append(digits.charAt(0));
      if (digits.length() > 1) {
        b.append('.').append(digits, 1, digits.length());
      }
      b.append('e').append(exponent < 0 ? '-' : '+');
      int magnitude = Math.abs(exponent);
      if (magnitude < 10) {
        b.append('0');
      }
      return b.append(magnitude).toString();
    }
    return rounded.stripTrailingZeros().toPlainString();
  }
}
