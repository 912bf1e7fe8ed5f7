package dev.tfj.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.substring;

import dev.tfj.bundle.ServingSignature;
import dev.tfj.inference.ImageBatch;
import dev.tfj.spark.internal.HadoopFiles;
import dev.tfj.trainer.data.IdxReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The inputs {@code tfj spark-predict} reads, as {@link ImageInput}s: an IDX images file, a directory of PNG/JPEG
 * files, or a Parquet table with an image column. Paths are local paths or Hadoop filesystem URIs.
 */
public final class ImageInputs {

  /** The image column of an IDX or directory input. */
  public static final String IMAGE = "image";

  private static final int SIDE = ServingSignature.IMAGE_SIZE;

  private ImageInputs() {}

  /**
   * The images of an IDX file (raw or gzip), read on the driver, each named {@code name#index} as
   * {@code tfj predict} names it, with the labels of an IDX labels file when {@code labels} is not null.
   *
   * @throws IllegalArgumentException when the images are not 28x28 or the labels are not one per image
   */
  public static ImageInput idx(SparkSession spark, String images, String name, String labels) {
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    IdxReader.Images idx = HadoopFiles.read(hadoop, images, in -> IdxReader.readImages(in, images));
    if (idx.rows() != SIDE || idx.cols() != SIDE) {
      throw new IllegalArgumentException(images + " holds " + idx.rows() + "x" + idx.cols()
          + " images; models take " + SIDE + "x" + SIDE);
    }
    byte[] truth = labels == null ? null : HadoopFiles.read(hadoop, labels, in -> IdxReader.readLabels(in, labels));
    if (truth != null && truth.length != idx.count()) {
      throw new IllegalArgumentException(labels + " holds " + truth.length + " labels for " + idx.count() + " images");
    }
    StructType schema = new StructType()
        .add(Predictions.ID, DataTypes.StringType, false)
        .add(IMAGE, DataTypes.BinaryType, false);
    if (truth != null) {
      schema = schema.add(Predictions.LABEL, DataTypes.IntegerType, false);
    }
    List<Row> rows = new ArrayList<>(idx.count());
    for (int i = 0; i < idx.count(); i++) {
      byte[] pixels = Arrays.copyOfRange(idx.pixels(), i * ImageBatch.PIXELS, (i + 1) * ImageBatch.PIXELS);
      rows.add(truth == null
          ? RowFactory.create(name + "#" + i, pixels)
          : RowFactory.create(name + "#" + i, pixels, truth[i] & 0xFF));
    }
    return new ImageInput(spark.createDataFrame(rows, schema), ImageColumn.rawPixels(IMAGE), Predictions.ID,
        truth == null ? null : Predictions.LABEL);
  }

  /**
   * The PNG and JPEG files under {@code dir} (walked; {@code .png}, {@code .jpg}, {@code .jpeg} in any case),
   * read by the executors; each is named {@code name} followed by its path below {@code dir}, so that for a
   * local directory the names are those {@code tfj predict} prints.
   *
   * @throws IllegalArgumentException when there are none
   */
  public static ImageInput directory(SparkSession spark, String dir, String name) {
    Dataset<Row> files = spark.read().format("binaryFile").option("recursiveFileLookup", "true").load(dir)
        .filter(lower(col("path")).rlike("\\.(png|jpg|jpeg)$"));
    String root = HadoopFiles.qualified(spark.sparkContext().hadoopConfiguration(), dir);
    String prefix = root.endsWith("/") ? root : root + "/";
    String shown = name.endsWith("/") ? name : name + "/";
    Dataset<Row> rows = files.select(
        concat(lit(shown), substring(col("path"), prefix.length() + 1, Integer.MAX_VALUE)).as(Predictions.ID),
        col("content").as(IMAGE));
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("no images found in " + dir + " (looking for *.png, *.jpg, *.jpeg)");
    }
    return new ImageInput(rows, ImageColumn.encoded(IMAGE), Predictions.ID, null);
  }

  /**
   * A Parquet table whose column {@code image} holds PNG/JPEG bytes or 784 numbers (see {@link ImageColumn}),
   * named by {@code id} (null: a generated number) and labelled by {@code label} (null: unlabelled).
   *
   * @throws IllegalArgumentException when a named column is missing or the image column holds no images
   */
  public static ImageInput parquet(SparkSession spark, String path, String image, String id, String label) {
    Dataset<Row> rows = spark.read().parquet(path);
    ImageColumn column = ImageColumn.of(rows.schema(), image);
    if (id != null) {
      ImageColumn.field(rows.schema(), id);
    }
    if (label != null) {
      ImageColumn.field(rows.schema(), label);
    }
    return new ImageInput(rows, column, id, label);
  }
}
