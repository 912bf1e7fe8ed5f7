package dev.tfj.spark;

import org.apache.spark.sql.SparkSession;

/** The Spark session the tests share: {@code local[2]}, as CI runs it, no UI. */
final class TestSpark {

  private TestSpark() {}

  /** The running session, started on first use (and again if a test stopped it). */
  static SparkSession session() {
    return SparkSession.builder()
        .appName("tfj spark tests")
        .master("local[2]")
        .config("spark.ui.enabled", false)
        .config("spark.sql.shuffle.partitions", 4)
        .getOrCreate();
  }
}
