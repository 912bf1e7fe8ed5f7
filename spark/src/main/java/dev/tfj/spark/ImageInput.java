package dev.tfj.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Images to score: the rows, the column holding the image, the column naming each row in the output (null:
 * a generated number) and the column of true labels (null: unlabelled).
 */
public record ImageInput(Dataset<Row> rows, ImageColumn image, String idColumn, String labelColumn) {

  /** Whether the rows carry true labels. */
  public boolean labelled() {
    return labelColumn != null;
  }
}
