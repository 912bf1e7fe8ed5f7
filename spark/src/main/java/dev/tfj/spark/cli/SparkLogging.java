package dev.tfj.spark.cli;

/**
 * Quiets Spark's log4j2 for a command-line run: warnings only, unless {@code -v}. Must run before Spark's first
 * logger exists; {@code spark-submit}'s own log configuration, when given, wins.
 */
final class SparkLogging {

  static final String CONFIG = "log4j2.configurationFile";

  private SparkLogging() {}

  static void configure(boolean verbose) {
    if (System.getProperty(CONFIG) == null) {
      System.setProperty(CONFIG, verbose ? "tfj-spark-log4j2-verbose.properties" : "tfj-spark-log4j2.properties");
    }
  }
}
