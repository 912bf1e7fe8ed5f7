package dev.tfj.cli.report;

import java.util.List;

/**
 * A table as both report formats render it: the first {@code textColumns} columns are text (left-aligned), the
 * rest numbers (right-aligned).
 */
public record Table(List<String> header, List<List<String>> rows, int textColumns) {

  /** Checks every row has a cell per column. */
  public Table {
    header = List.copyOf(header);
    rows = rows.stream().map(List::copyOf).toList();
    for (List<String> row : rows) {
      if (row.size() != header.size()) {
        throw new IllegalArgumentException("row " + row + " has " + row.size() + " cells, header " + header.size());
      }
    }
  }

  /** Whether column {@code c} holds numbers. */
  public boolean numeric(int c) {
    return c >= textColumns;
  }
}
