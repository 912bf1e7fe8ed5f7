package dev.tfj.spark.cli;

/** Options that do not go together or out of range: exit code 2, where bad data is 1. */
final class UsageException extends RuntimeException {

  UsageException(String message) {
    super(message);
  }
}
