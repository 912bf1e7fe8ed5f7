package dev.tfj.spark.cli;

import dev.tfj.bundle.BundleNotFoundException;
import dev.tfj.inference.ImageFeedException;
import dev.tfj.inference.InferenceException;
import dev.tfj.trainer.data.DatasetException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.TypeConversionException;

/**
 * A failed {@code spark-predict} as one line on stderr (a stack trace too with {@code -v}) and an exit code, as
 * the other tfj commands do it. A task's failure reaches the driver wrapped in Spark's exceptions; the line
 * names the cause a user can act on, not the wrapping.
 */
final class SparkPredictErrors implements IExecutionExceptionHandler, IParameterExceptionHandler {

  static final int FAILURE = 1;
  static final int USAGE = 2;

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parsed) {
    PrintWriter err = cmd.getErr();
    Throwable cause = userCause(ex);
    err.println("spark-predict: " + firstLine(message(cause != null ? cause : ex)));
    if (parsed.hasMatchedOption("-v")) {
      ex.printStackTrace(err);
    } else if (cause == null) {
      err.println("(run with -v for details)");
    }
    err.flush();
    return cause instanceof UsageException || cause instanceof ImageFeedException ? USAGE : FAILURE;
  }

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    PrintWriter err = ex.getCommandLine().getErr();
    String choices = ex.getArgSpec() instanceof OptionSpec option ? choices(option, ex) : null;
    if (choices != null) {
      err.println("spark-predict: " + choices);
    } else {
      err.println("spark-predict: " + ex.getMessage());
      err.println("Run 'tfj spark-predict --help' for usage.");
    }
    err.flush();
    return USAGE;
  }

  /** {@code --opt 'value': choose …} for an option given a value it does not take, else null. */
  private static String choices(OptionSpec option, ParameterException ex) {
    if (!(ex.getCause() instanceof TypeConversionException rejected)) {
      return null;
    }
    if (option.converters().length > 0) {
      return rejected.getMessage(); // --layout, --scale: the converter says it all
    }
    if (!option.type().isEnum()) {
      return null;
    }
    return option.longestName() + " '" + ex.getValue() + "': choose " + Arrays.stream(option.type().getEnumConstants())
        .map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT))
        .collect(Collectors.joining(" or "));
  }

  /** The first exception in the cause chain whose message says all a user needs, or null. */
  private static Throwable userCause(Throwable ex) {
    for (Throwable t = ex; t != null; t = t.getCause()) {
      if (t instanceof UsageException || t instanceof InferenceException || t instanceof BundleNotFoundException || t instanceof DatasetException
          || t instanceof IllegalArgumentException || t instanceof FileAlreadyExistsException
          || t instanceof UncheckedIOException || (t instanceof IOException && t.getClass() == IOException.class)) {
        return t;
      }
    }
    return null;
  }

  private static String message(Throwable t) {
    if (t instanceof ImageFeedException e) {
      return e.getMessage() + "; " + FeedOptions.advice(e.choice());
    }
    if (t instanceof FileAlreadyExistsException e) {
      return "--output " + e.getFile() + " already exists; choose a new directory";
    }
    return Objects.requireNonNullElse(t.getMessage(), t.getClass().getSimpleName());
  }

  private static String firstLine(String message) {
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
