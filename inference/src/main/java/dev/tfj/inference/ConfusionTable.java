package dev.tfj.inference;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * The confusion matrix and per-class accuracy of an {@link Evaluation} as a text table, the layout every front
 * end prints ({@code tfj evaluate}, {@code tfj spark-predict}).
 */
public final class ConfusionTable {

  private ConfusionTable() {}

  /** Prints a blank line, a title and the table. */
  public static void print(PrintWriter out, Evaluation eval) {
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
