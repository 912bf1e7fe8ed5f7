package dev.tfj.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.monotonically_increasing_id;

import dev.tfj.inference.ImageClassifier;
import dev.tfj.inference.ImageFeed;
import dev.tfj.spark.internal.SerializableConfiguration;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;

/**
 * Scores a Dataset's image column with a SavedModel on Spark, through the same {@link ImageClassifier} as
 * {@code tfj predict} and the server, so a row gets the class and probabilities those give the same image.
 * Each executor JVM loads the bundle once ({@link ExecutorModels}) and every task there classifies its
 * partition in batches of {@link #batchSize} images.
 *
 * <pre>{@code
 * SparkImageClassifier classifier = SparkImageClassifier.of(spark, BundleSource.at("hdfs:///models/lenet5"));
 * Dataset<Row> scored = classifier.classify(ImageInputs.parquet(spark, "hdfs:///digits", "image", "id", null));
 * }</pre>
 */
public final class SparkImageClassifier {

  /** Images per session call unless told otherwise: a few hundred keeps tensors small and calls few. */
  public static final int DEFAULT_BATCH = 256;

  private final SparkSession spark;
  private final BundleSource source;
  private final ImageFeed feed;
  private final int batchSize;
  private final LongAccumulator taskLoads;

  private SparkImageClassifier(SparkSession spark, BundleSource source, ImageFeed feed, int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size " + batchSize + " must be at least 1");
    }
    this.spark = spark;
    this.source = source;
    this.feed = feed;
    this.batchSize = batchSize;
    this.taskLoads = spark.sparkContext().longAccumulator("tfj bundle loads in tasks");
  }

  /** A classifier of the bundle at {@code source}, fed as its signature says, in batches of {@value #DEFAULT_BATCH}. */
  public static SparkImageClassifier of(SparkSession spark, BundleSource source) {
    return new SparkImageClassifier(spark, source, ImageFeed.defaults(), DEFAULT_BATCH);
  }

  /** The same, fed as {@code feed} says (for foreign SavedModels whose signature is ambiguous). */
  public SparkImageClassifier withFeed(ImageFeed feed) {
    return new SparkImageClassifier(spark, source, feed, batchSize);
  }

  /** The same, classifying {@code images} per session call. */
  public SparkImageClassifier withBatchSize(int images) {
    return new SparkImageClassifier(spark, source, feed, images);
  }

  /** Images per session call. */
  public int batchSize() {
    return batchSize;
  }

  /**
   * Loads the bundle in this (the driver's) JVM, through the same cache the executors use, so a wrong path or
   * feed fails before a job starts; returns what it feeds, e.g. {@code serving_default: images [N,28,28,1] 0..1 ->
   * probabilities}.
   *
   * @throws dev.tfj.bundle.BundleNotFoundException when there is no SavedModel there
   * @throws dev.tfj.inference.ImageFeedException when its signature does not say how to feed images
   */
  public String check() {
    return classifierHere().describe();
  }

  /** The classifier this JVM holds for the bundle, loaded on first use. */
  ImageClassifier classifierHere() {
    return ExecutorModels.classifier(source, feed, spark.sparkContext().hadoopConfiguration(), () -> { });
  }

  /**
   * The input's rows scored, lazily (nothing runs until an action): the columns of {@link Predictions}, the
   * label when the input has one. Checks the bundle on the driver first ({@link #check}).
   */
  public Dataset<Row> classify(ImageInput input) {
    check();
    List<Column> columns = new ArrayList<>();
    columns.add(input.idColumn() == null
        ? monotonically_increasing_id().cast("string").as(Predictions.ID)
        : col(input.idColumn()).cast("string").as(Predictions.ID));
    columns.add(col(input.image().name()));
    if (input.labelled()) {
      columns.add(col(input.labelColumn()).cast("int").as(Predictions.LABEL));
    }
    Dataset<Row> rows = input.rows().select(columns.toArray(Column[]::new));
    PartitionClassifier partitions = new PartitionClassifier(source, feed,
        new SerializableConfiguration(spark.sparkContext().hadoopConfiguration()), input.image(), input.labelled(),
        batchSize, taskLoads);
    return rows.mapPartitions(partitions, Encoders.row(Predictions.schema(input.labelled())));
  }

  /** Bundle loads that tasks did (0 in a JVM whose bundle was already loaded, such as local mode's driver). */
  public long taskLoads() {
    return taskLoads.value();
  }
}
