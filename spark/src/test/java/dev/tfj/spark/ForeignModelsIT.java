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

  @TempDir Path tmp;

  @Test
  void kerasConvModelScoresItsDocumentedAccuracy() {
    SparkSession spark = TestSpark.session();
    SparkImageClassifier classifier =
        SparkImageClassifier.of(spark, BundleSource.at(TestData.foreign().resolve(TestData.KERAS_CONV)));

    ImageInput testSet = ImageInputs.idx(spark, Mnist.IMAGES, "t10k", Mnist.LABELS);
    Evaluation eval = PredictionTable.evaluate(classifier.classify(testSet));

    assertThat(eval.count()).isEqualTo(10_000);
    assertThat(eval.correct()).isEqualTo(9705);
    assertThat(classifier.check()).isEqualTo("serving_default: keras_tensor [N,28,28,1] 0..1 -> output_0");
  }

  @Test
  void kerasSoftmaxModelShippedWithTheJobScoresItsDocumentedAccuracy() {
    Path out = tmp.resolve("softmax");
    Commands run = Commands.sparkPredict("--master", "local[2]", "--ship-model",
        "--model", TestData.foreign().resolve(TestData.KERAS_SOFTMAX).toString(),
        "--input", Mnist.IMAGES, "--labels", Mnist.LABELS, "--output", out.toString()).requireSuccess();

    assertThat(run.out()).contains("accuracy  0.9242 (9242/10000)")
        .contains("(serving_default: flatten_input [N,28,28] 0..1 -> dense)");
    Evaluation eval = PredictionTable.evaluate(
        PredictionTable.read(TestSpark.session(), out.toString(), OutputFormat.PARQUET));
    assertThat(eval.correct()).isEqualTo(9242);
  }
}
