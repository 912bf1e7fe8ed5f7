package dev.tfj.server.http.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import java.io.IOException;

/**
 * A parser that refuses number literals too big for a double ({@code 1e309}, {@code -1e400}, an integer of
 * 400 digits), which Jackson would read as infinity, with TF Serving's message "Number too big to be stored
 * in double". The non-numeric tokens {@code NaN} and {@code Infinity} still read as themselves.
 */
final class FiniteNumbers extends JsonParserDelegate {

  /** The words of TF Serving's (RapidJSON's) error for such a number. */
  static final String TOO_BIG = "Number too big to be stored in double";

  FiniteNumbers(JsonParser parser) {
    super(parser);
  }

  @Override
  public JsonToken nextToken() throws IOException {
    JsonToken t = delegate.nextToken();
    if (t == JsonToken.VALUE_NUMBER_FLOAT) {
      // the tree reads every float token as a double anyway, so asking for it here costs nothing extra
      if (Double.isInfinite(delegate.getDoubleValue()) && !isInfinityWord(delegate.getText())) {
        throw tooBig();
      }
    } else if (t == JsonToken.VALUE_NUMBER_INT && delegate.getNumberType() == NumberType.BIG_INTEGER
        && Double.isInfinite(delegate.getBigIntegerValue().doubleValue())) {
      throw tooBig();
    }
    return t;
  }

  /** True for {@code Infinity}, {@code -INF} and the like: literals end in a digit, the words in a letter. */
  private static boolean isInfinityWord(String text) {
    char last = text.charAt(text.length() - 1);
    return last < '0' || last > '9';
  }

  private JsonParseException tooBig() throws IOException {
    String text = delegate.getText();
    String shown = text.length() > 40 ? text.substring(0, 40) + "..." : text;
    return new JsonParseException(delegate, TOO_BIG + ": " + shown, delegate.currentTokenLocation());
  }
}
