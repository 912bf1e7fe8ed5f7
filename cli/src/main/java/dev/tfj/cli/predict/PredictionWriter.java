package dev.tfj.cli.predict;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Locale;

/** Writes one line per prediction, as CSV with a header or as JSON lines. */
public final class PredictionWriter {

  /** The output formats. */
  public enum Format { CSV, JSONL }

  private static final JsonFactory JSON = new JsonFactory();

  private final PrintWriter out;
  private final Format format;
  private final boolean withLabels;

  /** A writer; {@code withLabels} adds the true label to every line. */
  public PredictionWriter(PrintWriter out, Format format, boolean withLabels) {
    this.out = out;
    this.format = format;
    this.withLabels = withLabels;
    if (format == Format.CSV) {
      out.println("input,predicted,probability" + (withLabels ? ",label" : ""));
    }
  }

  /** One prediction; a label of -1 means unknown. */
  public void write(String input, int predicted, float probability, int label) {
    String probabilityText = String.format(Locale.ROOT, "%.6f", probability);
    if (format == Format.CSV) {
      out.println(csv(input) + "," + predicted + "," + probabilityText
          + (withLabels ? "," + (label < 0 ? "" : Integer.toString(label)) : ""));
    } else {
      out.println(json(input, predicted, probabilityText, label));
    }
  }

  private String json(String input, int predicted, String probability, int label) {
    StringWriter line = new StringWriter();
    try (JsonGenerator json = JSON.createGenerator(line)) {
      json.writeStartObject();
      json.writeStringField("input", input);
      json.writeNumberField("predicted", predicted);
      json.writeFieldName("probability");
      json.writeNumber(probability); // six decimals, as in the CSV
      if (withLabels) {
        json.writeFieldName("label");
        if (label < 0) {
          json.writeNull();
        } else {
          json.writeNumber(label);
        }
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return line.toString();
  }

  private static String csv(String s) {
    return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }
}
