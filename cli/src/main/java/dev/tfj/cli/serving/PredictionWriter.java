package dev.tfj.cli.serving;

import java.io.PrintWriter;
import java.util.Locale;

/** Writes one line per prediction, as CSV with a header or as JSON lines. */
public final class PredictionWriter {

  /** The output formats. */
  public enum Format { CSV, JSONL }

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
    String labelText = label < 0 ? "" : Integer.toString(label);
    if (format == Format.CSV) {
      out.printf(Locale.ROOT, "%s,%d,%.6f%s%n", csv(input), predicted, probability, withLabels ? "," + labelText : "");
    } else {
      out.printf(Locale.ROOT, "{\"input\":\"%s\",\"predicted\":%d,\"probability\":%.6f%s}%n", json(input), predicted,
          probability, withLabels ? ",\"label\":" + (label < 0 ? "null" : labelText) : "");
    }
  }

  private static String csv(String s) {
    return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }

  private static String json(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        default -> {
          if (c < 0x20) {
            b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }
}
