package dev.tfj.spark.cli;

import dev.tfj.bundle.MetricsFile;
import dev.tfj.bundle.ModelLayout;
import dev.tfj.inference.ConfusionTable;
import dev.tfj.inference.Evaluation;
import dev.tfj.spark.BundleSource;
import dev.tfj.spark.ExecutorModels;
import dev.tfj.spark.ImageInput;
import dev.tfj.spark.ImageInputs;
import dev.tfj.spark.InputKind;
import dev.tfj.spark.OutputFormat;
import dev.tfj.spark.PredictionTable;
import dev.tfj.spark.SparkImageClassifier;
import dev.tfj.spark.internal.HadoopFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tfj spark-predict}: scores an image set with a SavedModel on Spark and writes a table of predictions. */
@Command(
    name = "spark-predict",
    mixinStandardHelpOptions = true,
    versionProvider = SparkPredictCommand.Version.class,
    sortOptions = false,
    description = {
      "Classify a large image set with a SavedModel on Apache Spark, image for image as 'tfj predict'",
      "does. The input is an IDX images file (raw or .gz), a directory of PNG/JPEG files, or a Parquet",
      "table with an image column (PNG/JPEG bytes, or 784 numbers / 28x28); paths may be local or Hadoop",
      "URIs (hdfs://, s3a://). Writes id, class and the ten probabilities (and the label) as Parquet or",
      "CSV; with labels, prints accuracy and the confusion matrix."
    })
public final class SparkPredictCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master: local[2], spark://host:7077, yarn... (default: spark-submit's, else local[*]).")
  String master;

  @Option(names = {"-m", "--model"}, required = true, paramLabel = "PATH",
      description = "A version directory or a model directory (its latest version); a path every executor sees,"
          + " or a Hadoop URI.")
  String model;

  @Option(names = "--ship-model", description = "Ship the model directory with the job instead (a local path).")
  boolean shipModel;

  @Option(names = {"-i", "--input"}, required = true, paramLabel = "FILE|DIR", description = "The images.")
  String input;

  @Option(names = "--labels", paramLabel = "FILE", description = "True labels of an IDX input: an IDX labels file.")
  String labels;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR",
      description = "Directory to write; must not exist (written beside it, then renamed).")
  String output;

  @Option(names = "--format", defaultValue = "parquet", paramLabel = "FORMAT",
      description = "parquet or csv (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  @Option(names = "--image-column", defaultValue = "image", paramLabel = "NAME",
      description = "Parquet input: the column of images (default: ${DEFAULT-VALUE}).")
  String imageColumn;

  @Option(names = "--id-column", paramLabel = "NAME",
      description = "Parquet input: the column naming each row (default: 'id' if there is one, else a number).")
  String idColumn;

  @Option(names = "--label-column", paramLabel = "NAME", description = "Parquet input: the column of true labels.")
  String labelColumn;

  @Option(names = "--batch-size", defaultValue = "" + SparkImageClassifier.DEFAULT_BATCH, paramLabel = "N",
      description = "Images per session call (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--partitions", paramLabel = "N", description = "Repartition the input into N partitions first.")
  Integer partitions;

  @Mixin FeedOptions feed;

  @Option(names = {"-v", "--verbose"}, description = "Spark's and tfj's logs, and stack traces on errors.")
  boolean verbose;

  /** Parses and runs {@code args}; returns the exit code. */
  public static int run(String[] args) {
    List<String> given = Arrays.asList(args);
    SparkLogging.configure(given.contains("-v") || given.contains("--verbose"));
    return commandLine().execute(args);
  }

  /** The configured command line, for {@link SparkPredictMain} and in-process tests. */
  public static CommandLine commandLine() {
    return new CommandLine(new SparkPredictCommand())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler(new SparkPredictErrors())
        .setParameterExceptionHandler(new SparkPredictErrors());
  }

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    checkOptions();
    boolean embedded = SparkSession.getActiveSession().isDefined(); // run in-process by a running application
    SparkSession spark = session();
    try {
      return score(spark, out);
    } finally {
      if (!embedded) {
        spark.close();
      }
    }
  }

  private int score(SparkSession spark, PrintWriter out) throws IOException {
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    if (HadoopFiles.exists(hadoop, output)) {
      throw new FileAlreadyExistsException(output);
    }
    ImageInput images = read(spark, InputKind.detect(hadoop, input));
    if (partitions != null) {
      images = new ImageInput(images.rows().repartition(partitions), images.image(), images.idColumn(),
          images.labelColumn());
    }
    SparkImageClassifier classifier = SparkImageClassifier.of(spark, bundle(spark)).withFeed(feed.feed())
        .withBatchSize(batchSize);
    String fed = classifier.check();
    long start = System.nanoTime();
    PredictionTable.write(classifier.classify(images), output, format);
    double seconds = (System.nanoTime() - start) / 1e9;
    Dataset<Row> written = PredictionTable.read(spark, output, format);
    Evaluation eval = images.labelled() ? PredictionTable.evaluate(written) : null;
    long count = eval != null ? eval.count() : written.count();
    out.printf(Locale.ROOT, "model     %s (%s)%n", model, fed);
    out.printf(Locale.ROOT, "master    %s, %d partitions%n", spark.sparkContext().master(),
        images.rows().rdd().getNumPartitions());
    out.printf(Locale.ROOT, "scored    %,d images in %.1f s (%.0f images/s; %s)%n", count, seconds, count / seconds,
        loads(classifier));
    out.printf(Locale.ROOT, "output    %s (%s)%n", output, format.name().toLowerCase(Locale.ROOT));
    if (eval != null) {
      printEvaluation(out, eval);
    }
    return 0;
  }

  private void checkOptions() {
    if (batchSize < 1) {
      throw new UsageException("--batch-size " + batchSize + " must be at least 1");
    }
    if (partitions != null && partitions < 1) {
      throw new UsageException("--partitions " + partitions + " must be at least 1");
    }
    if (shipModel && !Files.isDirectory(Path.of(model))) {
      throw new UsageException("--ship-model needs --model to be a local directory; " + model + " is not");
    }
  }

  private SparkSession session() {
    SparkSession.Builder builder = SparkSession.builder().appName("tfj spark-predict");
    String chosen = master != null ? master : System.getProperty("spark.master", "local[*]");
    builder.master(chosen);
    if (chosen.startsWith("local")) {
      builder.config("spark.ui.enabled", false); // nothing to watch on a laptop, and no port taken
    }
    return builder.getOrCreate();
  }

  private BundleSource bundle(SparkSession spark) {
    if (!shipModel) {
      return BundleSource.at(model);
    }
    Path dir = Path.of(model).toAbsolutePath().normalize();
    spark.sparkContext().addFile(dir.toString(), true);
    return BundleSource.shipped(dir.getFileName().toString());
  }

  private ImageInput read(SparkSession spark, InputKind kind) {
    if (labels != null && kind != InputKind.IDX) {
      throw new UsageException("--labels goes with an IDX images input; for Parquet use --label-column");
    }
    if (kind != InputKind.PARQUET && (idColumn != null || labelColumn != null)) {
      throw new UsageException("--id-column and --label-column go with a Parquet input");
    }
    return switch (kind) {
      case IDX -> ImageInputs.idx(spark, input, input, labels);
      case IMAGE_DIRECTORY -> ImageInputs.directory(spark, input, input);
      case PARQUET -> {
        String id = idColumn;
        if (id == null && List.of(spark.read().parquet(input).columns()).contains("id")) {
          id = "id";
        }
        yield ImageInputs.parquet(spark, input, imageColumn, id, labelColumn);
      }
    };
  }

  private static String loads(SparkImageClassifier classifier) {
    return String.format(Locale.ROOT, "bundle loads: %d in the driver's JVM, %d by executor tasks",
        ExecutorModels.loads(), classifier.taskLoads());
  }

  private void printEvaluation(PrintWriter out, Evaluation eval) {
    out.printf(Locale.ROOT, "accuracy  %.4f (%d/%d)%n", eval.accuracy(), eval.correct(), eval.count());
    out.printf(Locale.ROOT, "loss      %.4f (mean cross-entropy)%n", eval.loss());
    recordedAccuracy().ifPresent(a -> out.printf(Locale.ROOT, "recorded  %.4f (final test accuracy in metrics.json)%n", a));
    ConfusionTable.print(out, eval);
  }

  private Optional<Double> recordedAccuracy() {
    try {
      BundleSource source = BundleSource.at(model);
      if (!source.local()) {
        return Optional.empty();
      }
      return MetricsFile.read(ModelLayout.resolve(Path.of(model)).dir())
          .map(m -> m.finalTestAccuracy());
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** {@code -V}: this module's version and the Spark it runs on. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String tfj = SparkPredictCommand.class.getPackage().getImplementationVersion();
      return new String[] {"tfj spark-predict " + (tfj == null ? "(development build)" : tfj) + ", Spark "
          + org.apache.spark.package$.MODULE$.SPARK_VERSION()};
    }
  }
}
