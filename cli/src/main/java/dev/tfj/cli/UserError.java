package dev.tfj.cli;

/** A failure the user can fix, reported as its message alone. */
public final class UserError extends RuntimeException {

  private final boolean usage;

  private UserError(String message, boolean usage, Throwable cause) {
    super(message, cause);
    this.usage = usage;
  }

  /** A wrong option or argument: exit code {@link ExitCodes#USAGE}. */
  public static UserError usage(String message) {
    return new UserError(message, true, null);
  }

  /** Bad input data or environment: exit code {@link ExitCodes#SOFTWARE}. */
  public static UserError failure(String message, Throwable cause) {
    return new UserError(message, false, cause);
  }

  boolean usage() {
    return usage;
  }
}
