package dev.tfj.cli;

import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The {@code -v} option, shared by every command. The log level must be fixed before the first logger exists,
 * so {@link #configure(String[])} reads it from the raw arguments before picocli parses them.
 */
public final class Verbosity {

  private static final List<String> FLAGS = List.of("-v", "--verbose");
  private static volatile boolean verbose;

  @Option(
      names = {"-v", "--verbose"},
      description = "Show progress logs, TensorFlow's native log and stack traces on errors.")
  void setVerbose(boolean value) {
    verbose |= value;
  }

  /** Sets SLF4J's level from the arguments: warnings only by default, debug with {@code -v}. */
  static void configure(String[] args) {
    verbose = Arrays.stream(args).anyMatch(FLAGS::contains);
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "debug" : "warn");
    System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
    System.setProperty("org.slf4j.simpleLogger.showThreadName", "false");
    System.setProperty("org.slf4j.simpleLogger.showShortLogName", "true");
  }

  /** Whether {@code -v} was given. */
  public static boolean verbose() {
    return verbose;
  }
}
