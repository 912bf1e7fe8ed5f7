package dev.tfj.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tfj.inference.testing.TestData;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An executor JVM loads a bundle once, however many partitions and jobs its tasks run. */
class ExecutorModelsIT {

  @TempDir Path tmp;

  @Test
  void loadsTheBundleOncePerJvmForEightPartitionsOnTwoCores() {
    SparkSession spark = TestSpark.session();
    // a copy of its own, so no other test's load of the same path counts here
    Path copy = TestData.copyForeign(TestData.KERAS_SOFTMAX, tmp, "softmax", 1);
    BundleSource source = BundleSource.at(copy.getParent());
    SparkImageClassifier classifier = SparkImageClassifier.of(spark, source).withBatchSize(100);
    ImageInput idx = ImageInputs.idx(spark, Mnist.IMAGES, "t10k", null);
    ImageInput partitioned = new ImageInput(idx.rows().repartition(8), idx.image(), idx.idColumn(), null);
    int before = ExecutorModels.loads();

    Dataset<Row> scored = classifier.classify(partitioned); // loads it here, on the driver, to check it
    assertThat(ExecutorModels.loads() - before).isEqualTo(1);
    ExecutorModels.unload(source); // so the tasks, two at a time, have to load it themselves

    assertThat(scored.rdd().getNumPartitions()).isEqualTo(8);
    assertThat(scored.select(Predictions.CLASS).collectAsList()).hasSize(10_000);
    assertThat(scored.select(Predictions.CLASS).collectAsList()).hasSize(10_000); // a second job, same JVM
    assertThat(classifier.taskLoads()).isEqualTo(1);
    assertThat(ExecutorModels.loads() - before).isEqualTo(2);
    assertThat(ExecutorModels.holds(source)).isTrue();
  }

  @Test
  void copiesABundleFromAHadoopFilesystemAndDeletesTheCopyWhenUnloaded() {
    SparkSession spark = TestSpark.session();
    spark.sparkContext().hadoopConfiguration().set("fs." + AliasFileSystem.SCHEME + ".impl",
        AliasFileSystem.class.getName());
    Path copy = TestData.copyForeign(TestData.KERAS_SOFTMAX, tmp, "softmax", 1);
    BundleSource source = BundleSource.at(AliasFileSystem.SCHEME + ":" + copy.getParent());
    assertThat(source.local()).isFalse();

    BundleSource.Local fetched = source.fetch(spark.sparkContext().hadoopConfiguration());
    assertThat(fetched.ref().dir()).isEqualTo(fetched.copy().resolve("bundle").resolve("1"));
    assertThat(fetched.ref().dir().resolve("saved_model.pb")).exists();
    fetched.deleteCopy();
    assertThat(fetched.copy()).doesNotExist();

    SparkImageClassifier classifier = SparkImageClassifier.of(spark, source);
    ImageInput idx = ImageInputs.idx(spark, Mnist.IMAGES, "t10k", null);
    Path local = ExecutorModels.classifier(source, dev.tfj.inference.ImageFeed.defaults(),
        spark.sparkContext().hadoopConfiguration(), () -> { }).dir();
    assertThat(local.toString()).doesNotStartWith(copy.getParent().toString()).endsWith("/bundle/1");
    Dataset<Row> scored = classifier.classify(new ImageInput(idx.rows().limit(500), idx.image(), idx.idColumn(), null));
    assertThat(scored.collectAsList()).hasSize(500);

    ExecutorModels.unload(source);
    assertThat(local).doesNotExist();
  }
}
