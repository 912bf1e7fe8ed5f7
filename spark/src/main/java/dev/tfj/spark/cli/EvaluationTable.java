package dev.tfj.spark.cli;

import dev.tfj.inference.Evaluation;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * The confusion matrix and per-class accuracy of an {@link Evaluation}, laid out as {@code tfj evaluate} prints
 * them (the cli module's table is package-private there).
 */
final class EvaluationTable {

  private EvaluationTable() {}

  static void print(PrintWriter out, Evaluation eval) {
    int[][] m = eval.confusion();
    out.println();
    out.println("confusion matrix (rows: true digit, columns: predicted), per-class accuracy");
    StringBuilder header = new StringBuilder("true\\pred");
    for (int c = 0; c < m.length; c++) {
      header.append(String.format(Locale.ROOT, "%6d", c));
    }
    out.println(header.append("  accuracy"));
    for (int r = 0; r < m.length; r++) {
      StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%9d", r));
      for (int c = 0; c < m.length; c++) {
        row.append(String.format(Locale.ROOT, "%6d", m[r][c]));
      }
      row.append(String.format(Locale.ROOT, "  %8.4f", eval.classAccuracy(r)));
      out.println(row);
    }
  }
}
