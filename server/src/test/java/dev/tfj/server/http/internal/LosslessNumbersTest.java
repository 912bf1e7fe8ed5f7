package dev.tfj.server.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** TF Serving's lossless-number rule and the way its errors write numbers (C's {@code %g} / {@code %.17g}). */
class LosslessNumbersTest {

  @Test
  void writesDoublesAsTfServingDoes() {
    // expected strings from C's printf via Python's '%g' / '%.17g', as WriteDecimal<double> picks them
    assertThat(LosslessNumbers.formatDouble(1e39)).isEqualTo("1e+39");
    assertThat(LosslessNumbers.formatDouble(-3.5e38)).isEqualTo("-3.5e+38");
    assertThat(LosslessNumbers.formatDouble(1.23456789e39)).isEqualTo("1.23456789e+39");
    assertThat(LosslessNumbers.formatDouble(3.4028235e38)).isEqualTo("3.4028234999999999e+38");
    assertThat(LosslessNumbers.formatDouble(1e300)).isEqualTo("1e+300");
    assertThat(LosslessNumbers.formatDouble(-1.7976931348623157e308)).isEqualTo("-1.7976931348623157e+308");
    assertThat(LosslessNumbers.formatDouble(0.1)).isEqualTo("0.1");
    assertThat(LosslessNumbers.formatDouble(1e-5)).isEqualTo("1e-05");
    assertThat(LosslessNumbers.formatDouble(123456.0)).isEqualTo("123456.0");
    assertThat(LosslessNumbers.formatDouble(1234567.0)).isEqualTo("1234567.0");
    assertThat(LosslessNumbers.formatDouble(2.5e-7)).isEqualTo("2.5e-07");
  }

  @Test
  void floatsTakeTheirRangeAndExactIntegers() throws Exception {
    assertThat(LosslessNumbers.fitsFloat(node("3.4028234e38"))).isTrue();
    assertThat(LosslessNumbers.fitsFloat(node("-3.4028234e38"))).isTrue();
    assertThat(LosslessNumbers.fitsFloat(node("1e-50"))).isTrue(); // underflows to 0: not refused
    assertThat(LosslessNumbers.fitsFloat(node("NaN"))).isTrue();
    assertThat(LosslessNumbers.fitsFloat(node("-Infinity"))).isTrue();
    assertThat(LosslessNumbers.fitsFloat(node("16777215"))).isTrue();
    assertThat(LosslessNumbers.fitsFloat(node("16777216.0"))).isTrue();
    assertThat(LosslessNumbers.fitsFloat(node("1e39"))).isFalse();
    assertThat(LosslessNumbers.fitsFloat(node("3.4028235e38"))).isFalse(); // above FLT_MAX as a double
    assertThat(LosslessNumbers.fitsFloat(node("16777216"))).isFalse();
    assertThat(LosslessNumbers.fitsFloat(node("-16777216"))).isFalse();
    // wider than 64 bits: RapidJSON holds it as a double, which a float holds if in range
    assertThat(LosslessNumbers.fitsFloat(node("100000000000000000000"))).isTrue();
    assertThat(LosslessNumbers.fitsFloat(node("1" + "0".repeat(39)))).isFalse();
  }

  @Test
  void doublesTakeTheirExactIntegers() throws Exception {
    assertThat(LosslessNumbers.fitsDouble(node("1e300"))).isTrue();
    assertThat(LosslessNumbers.fitsDouble(node("9007199254740991"))).isTrue();
    assertThat(LosslessNumbers.fitsDouble(node("9007199254740992"))).isFalse();
    assertThat(LosslessNumbers.fitsDouble(node("18446744073709551615"))).isFalse();
    assertThat(LosslessNumbers.fitsDouble(node("18446744073709551616"))).isTrue(); // beyond 64 bits: a double
  }

  @Test
  void saysWhatTfServingSays() throws Exception {
    assertThat(LosslessNumbers.error(node("1e39"), "float"))
        .isEqualTo("Cannot convert JSON value: 1e+39 to float without loss of precision.");
    assertThat(LosslessNumbers.error(node("16777217"), "float"))
        .isEqualTo("Cannot convert JSON value: 16777217 to float without loss of precision.");
    assertThat(LosslessNumbers.error(node("9007199254740993"), "double"))
        .isEqualTo("Cannot convert JSON value: 9007199254740993 to double without loss of precision.");
  }

  private static JsonNode node(String json) throws Exception {
    return Json.MAPPER.readTree(json);
  }
}
