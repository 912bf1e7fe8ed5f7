package dev.tfj.spark.cli;

/** The {@code tfj spark-predict} entry point, also the main class of the cluster jar for {@code spark-submit}. */
public final class SparkPredictMain {

  private SparkPredictMain() {}

  public static void main(String[] args) {
    System.exit(SparkPredictCommand.run(args));
  }
}
