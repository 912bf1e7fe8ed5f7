package dev.tfj.server.http.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tfj.inference.InvalidInputException;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The JSON both wire protocols use: snake_case property names, and {@code NaN}/{@code Infinity} read and
 * written as bare tokens the way TF Serving does. A number literal beyond a double ({@code 1e309}) is
 * refused as TF Serving refuses it, rather than read as infinity.
 */
public final class Json {

  /** The content type of every API response. */
  public static final String CONTENT_TYPE = "application/json";

  public static final ObjectMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                  .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER) // same values, correctly rounded, faster
                  .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
                  .build())
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private Json() {}

  /** Parses a request body; malformed JSON is an {@link InvalidInputException}. */
  public static JsonNode parse(byte[] body) {
    if (body.length == 0) {
      throw new InvalidInputException("malformed JSON: the request body is empty");
    }
    try (JsonParser parser = new FiniteNumbers(MAPPER.getFactory().createParser(body))) {
      JsonNode tree = MAPPER.readTree(parser);
      if (tree == null || tree.isMissingNode()) {
        throw new InvalidInputException("malformed JSON: the request body is empty");
      }
      return tree;
    } catch (JsonProcessingException e) {
      throw new InvalidInputException("malformed JSON: " + e.getOriginalMessage() + locationOf(e), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String locationOf(JsonProcessingException e) {
    return e.getLocation() == null
        ? ""
        : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
  }

  /** Writes a value (a record, map or node) as the response body. */
  public static void respond(Context ctx, Object value) {
    try {
      ctx.contentType(CONTENT_TYPE).result(MAPPER.writeValueAsBytes(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  /** Writes a body produced by a streaming generator. */
  public static void respond(Context ctx, GeneratorWriter writer) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
    try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
      writer.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ctx.contentType(CONTENT_TYPE).result(out.toByteArray());
  }

  /** Writes JSON with a generator. */
  @FunctionalInterface
  public interface GeneratorWriter {
    void write(JsonGenerator g) throws IOException;
  }

  /** A new empty object node. */
  public static com.fasterxml.jackson.databind.node.ObjectNode object() {
    return MAPPER.createObjectNode();
  }
}
