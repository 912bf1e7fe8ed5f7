package dev.tfj.cli;

/** Process exit codes, as picocli and sysexits use them. */
public final class ExitCodes {

  /** Success. */
  public static final int OK = 0;
  /** A command failed: bad data, a failed download, an unwritable directory, a runtime error. */
  public static final int SOFTWARE = 1;
  /** The command line was wrong: unknown option or model, out-of-range value. */
  public static final int USAGE = 2;

  private ExitCodes() {}
}
