package dev.tfj.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tfj.bundle.MetricsFile;
import dev.tfj.bundle.TrainingMetrics;
import dev.tfj.inference.Evaluation;
import dev.tfj.inference.testing.Images;
import dev.tfj.inference.testing.TestData;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tfj spark-predict} on {@code local[2]} against a freshly trained bundle: the same accuracy as its
 * {@code metrics.json} and, image for image, the same class and probability as {@code tfj predict}, for an IDX
 * file, a directory of PNG/JPEG files and Parquet tables of encoded images and of pixel arrays.
 */
class SparkPredictIT {

  /** Test images written as PNG (and every tenth as JPEG) files and Parquet rows. */
  private static final int FILES = 300;

  @TempDir static Path tmp;

  private static Path bundle;
  private static TrainingMetrics metrics;
  private static Path digits;
  /** What {@code tfj predict} printed for the IDX test set and for the directory of files: name -> class,p. */
  private static Map<String, String> predictedIdx;
  private static Map<String, String> predictedFiles;

  @BeforeAll
  static void trainAndPredict() throws IOException {
    Commands.tfj("train", "--model", "mlp", "--epochs", "1", "--data-dir", Mnist.DIR.toString(),
        "-o", tmp.resolve("models").toString(), "--checkpoint-dir", tmp.resolve("checkpoints").toString())
        .requireSuccess();
    bundle = tmp.resolve("models").resolve("mlp").resolve("1");
    metrics = MetricsFile.read(bundle).orElseThrow();
    digits = writeDigitFiles(tmp.resolve("digits"));
    predictedIdx = predict(Mnist.IMAGES, tmp.resolve("predict-idx.csv"));
    predictedFiles = predict(digits.toString(), tmp.resolve("predict-files.csv"));
  }

  @Test
  void scoresTheTestSetWithTheAccuracyOfMetricsJsonAndTheClassesOfTfjPredict() throws IOException {
    Path out = tmp.resolve("idx-csv");
    Commands run = Commands.sparkPredict("--master", "local[2]", "--model", bundle.toString(),
        "--input", Mnist.IMAGES, "--labels", Mnist.LABELS, "--output", out.toString(), "--format", "csv")
        .requireSuccess();

    assertThat(run.out())
        .contains(String.format(Locale.ROOT, "accuracy  %.4f (", metrics.finalTestAccuracy()))
        .contains(String.format(Locale.ROOT, "recorded  %.4f", metrics.finalTestAccuracy()))
        .contains("confusion matrix (rows: true digit, columns: predicted)");
    Dataset<Row> written = PredictionTable.read(TestSpark.session(), out.toString(), OutputFormat.CSV);
    Evaluation eval = PredictionTable.evaluate(written);
    assertThat(eval.count()).isEqualTo(10_000);
    assertThat(eval.accuracy()).isEqualTo(metrics.finalTestAccuracy());
    assertThat(eval.confusion()).isEqualTo(metrics.confusionMatrix());
    assertThat(byId(written)).hasSize(10_000).isEqualTo(predictedIdx);
    assertThat(Files.list(tmp).map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".idx-csv.tmp-"));
  }

  @Test
  void scoresADirectoryOfPngAndJpegFilesAsTfjPredictDoes() {
    Path out = tmp.resolve("files-parquet");
    Commands.sparkPredict("--master", "local[2]", "--model", bundle.getParent().toString(),
        "--input", digits.toString(), "--output", out.toString(), "--partitions", "3").requireSuccess();

    Dataset<Row> written = PredictionTable.read(TestSpark.session(), out.toString(), OutputFormat.PARQUET);
    assertThat(written.schema().catalogString()).isEqualTo("struct<id:string,class:int,probabilities:array<float>>");
    assertThat(byId(written)).hasSize(FILES).isEqualTo(predictedFiles);
  }

  @Test
  void scoresAParquetTableOfEncodedPngBytesWithALabelColumn() throws IOException {
    SparkSession spark = TestSpark.session();
    List<Row> rows = new ArrayList<>();
    int[] labels = TestData.mnistTestLabels(FILES);
    for (int i = 0; i < FILES; i++) {
      Path file = digitFile(digits, i);
      rows.add(RowFactory.create(file.toString(), Files.readAllBytes(file), labels[i]));
    }
    StructType schema = new StructType().add("name", DataTypes.StringType).add("png", DataTypes.BinaryType)
        .add("digit", DataTypes.IntegerType);
    Path table = tmp.resolve("encoded.parquet");
    spark.createDataFrame(rows, schema).repartition(2).write().mode(SaveMode.ErrorIfExists).parquet(table.toString());

    Path out = tmp.resolve("encoded-out");
    Commands run = Commands.sparkPredict("--model", bundle.toString(), "--input", table.toString(),
        "--image-column", "png", "--id-column", "name", "--label-column", "digit", "--output", out.toString())
        .requireSuccess();

    Dataset<Row> written = PredictionTable.read(spark, out.toString(), OutputFormat.PARQUET);
    assertThat(byId(written)).isEqualTo(predictedFiles);
    Evaluation eval = PredictionTable.evaluate(written);
    assertThat(eval.count()).isEqualTo(FILES);
    assertThat(run.out()).contains(String.format(Locale.ROOT, "accuracy  %.4f (%d/%d)", eval.accuracy(),
        eval.correct(), FILES));
  }

  @Test
  void scoresParquetPixelArraysOfIntsAndSignedBytesAndTwentyEightByTwentyEightDoubles() {
    SparkSession spark = TestSpark.session();
    byte[] pixels = TestData.mnistTestBytes(FILES);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < FILES; i++) {
      Integer[] flat = new Integer[784];
      Byte[] bytes = new Byte[784];
      List<List<Double>> grid = new ArrayList<>();
      for (int r = 0; r < 28; r++) {
        Double[] row = new Double[28];
        for (int c = 0; c < 28; c++) {
          int value = pixels[i * 784 + r * 28 + c] & 0xFF;
          flat[r * 28 + c] = value;
          bytes[r * 28 + c] = (byte) value;
          row[c] = value / 255.0;
        }
        grid.add(Arrays.asList(row));
      }
      rows.add(RowFactory.create(Mnist.IMAGES + "#" + i, Arrays.asList(flat), Arrays.asList(bytes), grid));
    }
    StructType schema = new StructType().add("id", DataTypes.StringType)
        .add("flat", DataTypes.createArrayType(DataTypes.IntegerType))
        .add("bytes", DataTypes.createArrayType(DataTypes.ByteType))
        .add("grid", DataTypes.createArrayType(DataTypes.createArrayType(DataTypes.DoubleType)));
    Path table = tmp.resolve("arrays.parquet");
    spark.createDataFrame(rows, schema).write().parquet(table.toString());
    Map<String, String> expected = new LinkedHashMap<>();
    for (int i = 0; i < FILES; i++) {
      expected.put(Mnist.IMAGES + "#" + i, predictedIdx.get(Mnist.IMAGES + "#" + i));
    }

    for (String column : List.of("flat", "bytes", "grid")) {
      Path out = tmp.resolve("arrays-" + column);
      Commands.sparkPredict("--model", bundle.toString(), "--input", table.toString(), "--image-column", column,
          "--output", out.toString(), "--format", "csv").requireSuccess();
      Map<String, String> classes = byId(PredictionTable.read(spark, out.toString(), OutputFormat.CSV));
      if (!column.equals("grid")) {
        assertThat(classes).isEqualTo(expected); // integers 0..255 go through ImageBatch.ofBytes, as IDX bytes do
      } else {
        // doubles v/255 rounded to float can differ from (float) v/255f in the last bit; the class may not
        assertThat(classes.keySet()).isEqualTo(expected.keySet());
        assertThat(classes.entrySet().stream().filter(e -> !classOf(e.getValue()).equals(classOf(expected.get(e.getKey())))))
            .isEmpty();
      }
    }
  }

  private static String classOf(String classAndProbability) {
    return classAndProbability.substring(0, classAndProbability.indexOf(','));
  }

  /** {@code tfj predict} of {@code input} as CSV, read back as name -> "class,probability". */
  private static Map<String, String> predict(String input, Path csv) throws IOException {
    Commands.tfj("predict", "--model", bundle.toString(), "--format", "csv", "-o", csv.toString(), input)
        .requireSuccess();
    Map<String, String> predicted = new LinkedHashMap<>();
    for (String line : Files.readAllLines(csv).subList(1, Files.readAllLines(csv).size())) {
      String[] fields = line.split(",");
      predicted.put(fields[0], fields[1] + "," + fields[2]);
    }
    return predicted;
  }

  /** Scored rows as id -> "class,probability of that class" with six decimals, as {@code tfj predict} prints them. */
  private static Map<String, String> byId(Dataset<Row> scored) {
    Map<String, String> byId = new LinkedHashMap<>();
    for (Row row : scored.collectAsList()) {
      int predicted = row.getInt(1);
      float p = row.<Float>getList(2).get(predicted);
      byId.put(row.getString(0), predicted + "," + String.format(Locale.ROOT, "%.6f", p));
    }
    return byId;
  }

  /** Test image {@code i}'s file: the first half in {@code dir}, the rest in {@code dir/b}. */
  private static Path digitFile(Path dir, int i) {
    String name = String.format(Locale.ROOT, "%03d.%s", i, i % 10 == 9 ? "JPG" : "png");
    return (i < FILES / 2 ? dir : dir.resolve("b")).resolve(name);
  }

  /** The first test images as grey PNG files (every tenth a JPEG, upper-case extension) in two directories. */
  private static Path writeDigitFiles(Path dir) throws IOException {
    byte[] pixels = TestData.mnistTestBytes(FILES);
    Files.createDirectories(dir.resolve("b"));
    for (int i = 0; i < FILES; i++) {
      BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
      image.getRaster().setDataElements(0, 0, 28, 28, Arrays.copyOfRange(pixels, i * 784, (i + 1) * 784));
      Path file = digitFile(dir, i);
      Files.write(file, Images.encode(image, i % 10 == 9 ? "jpg" : "png"));
    }
    Files.writeString(dir.resolve("notes.txt"), "not an image");
    return dir;
  }
}
