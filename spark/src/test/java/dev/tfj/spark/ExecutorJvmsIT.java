package dev.tfj.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tfj.inference.Evaluation;
import dev.tfj.inference.testing.TestData;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a cluster of two executor JVMs ({@code local-cluster[2,1,1024]}: a standalone master and workers in this JVM,
 * each executor a JVM of its own), eight partitions load the bundle once per executor, and score as on one.
 */
class ExecutorJvmsIT {

  @TempDir Path tmp;

  @Test
  void eightPartitionsOnTwoExecutorJvmsLoadTheBundleTwice() throws IOException {
    // The workers launch executors from $SPARK_HOME (the pom points it at target/spark-home); with no jars of
    // its own there, an executor's classpath is this JVM's.
    Files.createDirectories(Path.of(System.getenv("SPARK_HOME")).resolve("jars"));
    SparkSession.getActiveSession().foreach(s -> { s.stop(); return null; });
    SparkSession spark = SparkSession.builder().appName("tfj executor JVMs").master("local-cluster[2,1,1024]")
        .config("spark.ui.enabled", false)
        .config("spark.executor.extraClassPath", System.getProperty("java.class.path"))
        .getOrCreate();
    try {
      List<String> jvms =
          spark.range(0, 8, 1, 8).mapPartitions(new JvmName(), Encoders.STRING()).distinct().collectAsList();
      assertThat(jvms).hasSize(2).doesNotContain(ManagementFactory.getRuntimeMXBean().getName());

      SparkImageClassifier classifier = SparkImageClassifier.of(spark,
          BundleSource.at(TestData.foreign().resolve(TestData.KERAS_SOFTMAX)));
      ImageInput idx = ImageInputs.idx(spark, Mnist.IMAGES, "t10k", Mnist.LABELS);
      Evaluation eval = PredictionTable.evaluate(classifier.classify(
          new ImageInput(idx.rows().repartition(8), idx.image(), idx.idColumn(), idx.labelColumn())));

      assertThat(eval.correct()).isEqualTo(9242);
      assertThat(classifier.taskLoads()).isEqualTo(2);
    } finally {
      spark.stop();
    }
  }

  /** The name (pid@host) of the JVM a partition runs in; a class of its own, as executors lack the test's properties. */
  private static final class JvmName implements MapPartitionsFunction<Long, String> {
    @Override
    public java.util.Iterator<String> call(java.util.Iterator<Long> rows) {
      return List.of(ManagementFactory.getRuntimeMXBean().getName()).iterator();
    }
  }
}
