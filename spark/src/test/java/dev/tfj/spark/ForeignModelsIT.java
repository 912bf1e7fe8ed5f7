package dev.tfj.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tfj.inference.Evaluation;
import dev.tfj.inference.testing.TestData;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keras SavedModels scored on Spark give the accuracies documented with them on the 10,000 test images. */
class ForeignModelsIT {

  private static final Path MNIST = Path.of(System.getProperty("tfj.test.mnist"));
  private static final String IMAGES = MNIST.resolve("t10k-images-idx3-ubyte.gz").toString();
  private static final String LABELS = MNIST.resolve("t10k-labels-idx1-ubyte.gz").toString();

  @TempDir Path tmp;

  @Test
  void kerasConvModelScoresItsDocumentedAccuracy() {
    SparkSession spark = TestSpark.session();
    SparkImageClassifier classifier =
        SparkImageClassifier.of(spark, BundleSource.at(TestData.foreign().resolve(TestData.KERAS_CONV)));

    Evaluation eval = PredictionTable.evaluate(classifier.classify(ImageInputs.idx(spark, IMAGES, "t10k", LABELS)));

    assertThat(eval.count()).isEqualTo(10_000);
    assertThat(eval.correct()).isEqualTo(9705);
    assertThat(classifier.check()).isEqualTo("serving_default: keras_tensor [N,28,28,1] 0..1 -> output_0");
  }

  @Test
  void kerasSoftmaxModelShippedWithTheJobScoresItsDocumentedAccuracy() {
    Path out = tmp.resolve("softmax");
    Commands run = Commands.sparkPredict("--master", "local[2]", "--ship-model",
        "--model", TestData.foreign().resolve(TestData.KERAS_SOFTMAX).toString(),
        "--input", IMAGES, "--labels", LABELS, "--output", out.toString()).requireSuccess();

    assertThat(run.out()).contains("accuracy  0.9242 (9242/10000)")
        .contains("(serving_default: flatten_input [N,28,28] 0..1 -> dense)");
    Evaluation eval = PredictionTable.evaluate(
        PredictionTable.read(TestSpark.session(), out.toString(), OutputFormat.PARQUET));
    assertThat(eval.correct()).isEqualTo(9242);
  }
}
