package dev.tfj.spark;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;

import dev.tfj.inference.Evaluation;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Scored rows on disk: written to a hidden sibling directory and renamed into place when the job succeeded, so a
 * failed job never leaves a directory under the chosen name; read back in the {@link Predictions} schema.
 */
public final class PredictionTable {

  private PredictionTable() {}

  /**
   * Runs the job that writes {@code scored} to {@code output} (a local path or Hadoop URI that does not exist yet).
   *
   * @throws FileAlreadyExistsException when something is at {@code output} already
   */
  public static void write(Dataset<Row> scored, String output, OutputFormat format) throws IOException {
    Configuration conf = scored.sparkSession().sparkContext().hadoopConfiguration();
    Path target = new Path(output);
    FileSystem fs = target.getFileSystem(conf);
    if (fs.exists(target)) {
      throw new FileAlreadyExistsException(output, null, "already exists; choose a new output directory");
    }
    Path temp = new Path(target.getParent() == null ? new Path(".") : target.getParent(),
        "." + target.getName() + ".tmp-" + UUID.randomUUID());
    try {
      switch (format) {
        case PARQUET -> scored.write().parquet(temp.toString());
        case CSV -> csvColumns(scored).write().option("header", "true").csv(temp.toString());
      }
      if (!fs.rename(temp, target)) {
        throw new IOException("cannot rename " + temp + " to " + target);
      }
    } finally {
      if (fs.exists(temp)) {
        fs.delete(temp, true);
      }
    }
  }

  /** Reads a written table back with the {@link Predictions} columns (a CSV's p0..p9 as the probabilities). */
  public static Dataset<Row> read(SparkSession spark, String dir, OutputFormat format) {
    if (format == OutputFormat.PARQUET) {
      return spark.read().parquet(dir);
    }
    Dataset<Row> csv = spark.read().option("header", "true").csv(dir);
    List<Column> columns = new ArrayList<>(List.of(col(Predictions.ID), col(Predictions.CLASS).cast("int")));
    Column[] p = new Column[Predictions.CLASSES];
    for (int c = 0; c < p.length; c++) {
      p[c] = col(Predictions.probabilityColumn(c)).cast("float");
    }
    columns.add(array(p).as(Predictions.PROBABILITIES));
    if (List.of(csv.columns()).contains(Predictions.LABEL)) {
      columns.add(col(Predictions.LABEL).cast("int"));
    }
    return csv.select(columns.toArray(Column[]::new));
  }

  /**
   * The accuracy, confusion matrix and loss of the labelled rows of a scored table, streamed to the driver one
   * partition at a time into {@link Evaluation}.
   */
  public static Evaluation evaluate(Dataset<Row> scored) {
    Evaluation.Builder eval = Evaluation.builder(Predictions.CLASSES);
    Dataset<Row> labelled = scored
        .select(col(Predictions.LABEL), col(Predictions.CLASS), col(Predictions.PROBABILITIES))
        .filter(col(Predictions.LABEL).isNotNull());
    Iterator<Row> rows = labelled.toLocalIterator();
    while (rows.hasNext()) {
      Row row = rows.next();
      List<Float> p = row.getList(2);
      float[] probabilities = new float[p.size()];
      for (int c = 0; c < probabilities.length; c++) {
        probabilities[c] = p.get(c);
      }
      eval.add(row.getInt(0), row.getInt(1), probabilities);
    }
    return eval.build();
  }

  private static Dataset<Row> csvColumns(Dataset<Row> scored) {
    List<Column> columns = new ArrayList<>(List.of(col(Predictions.ID), col(Predictions.CLASS)));
    for (int c = 0; c < Predictions.CLASSES; c++) {
      columns.add(col(Predictions.PROBABILITIES).getItem(c).as(Predictions.probabilityColumn(c)));
    }
    if (List.of(scored.columns()).contains(Predictions.LABEL)) {
      columns.add(col(Predictions.LABEL));
    }
    return scored.select(columns.toArray(Column[]::new));
  }
}
