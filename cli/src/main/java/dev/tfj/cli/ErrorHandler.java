package dev.tfj.cli;

import dev.tfj.bundle.BundleNotFoundException;
import dev.tfj.inference.ImageFeedException;
import dev.tfj.inference.InferenceException;
import dev.tfj.inference.InvalidInputException;
import dev.tfj.trainer.data.DatasetException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Turns a failed command into one line on stderr (a stack trace too with {@code -v}) and an exit code: the one
 * place where the libraries' typed errors are worded with the options that fix them.
 */
final class ErrorHandler implements IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parsed) {
    PrintWriter err = cmd.getErr();
    err.println(cmd.getCommandSpec().qualifiedName() + ": " + firstLine(message(ex, cmd)));
    if (Verbosity.verbose()) {
      ex.printStackTrace(err);
    } else if (!expected(ex)) {
      err.println("(run with -v for details)");
    }
    err.flush();
    return usage(ex) ? ExitCodes.USAGE : ExitCodes.SOFTWARE;
  }

  private static String message(Exception ex, CommandLine cmd) {
    if (ex instanceof ImageFeedException e) {
      String option = ImageModelMixin.option(e.choice());
      OptionSpec given = cmd.getParseResult().matchedOption(option);
      return given != null
          ? option + " " + String.join(",", given.originalStringValues()) + ": " + e.getMessage()
          : e.getMessage() + "; " + ImageModelMixin.hint(e.choice());
    }
    if (ex instanceof InvalidInputException e) {
      String fed = fedInput(cmd);
      if (fed != null) {
        return "the model rejected " + fed + ": " + firstLine(e.getMessage()) + " (try --layout)";
      }
    }
    return Objects.requireNonNullElse(ex.getMessage(), ex.getClass().getSimpleName());
  }

  /** What the command's image options fed the model, or null for a command without them or no model yet. */
  private static String fedInput(CommandLine cmd) {
    return cmd.getCommandSpec().mixins().values().stream()
        .map(CommandSpec::userObject)
        .filter(ImageModelMixin.class::isInstance)
        .map(m -> ((ImageModelMixin) m).fedInput())
        .filter(Objects::nonNull)
        .findFirst()
        .orElse(null);
  }

  /** Errors the command line itself could have avoided: a wrong option value. */
  private static boolean usage(Exception ex) {
    return ex instanceof IllegalArgumentException
        || ex instanceof ImageFeedException
        || (ex instanceof UserError u && u.usage());
  }

  /** Failures whose message says all a user needs; anything else is a bug worth a stack trace. */
  private static boolean expected(Exception ex) {
    return ex instanceof UserError
        || ex instanceof InferenceException
        || ex instanceof BundleNotFoundException
        || ex instanceof IllegalArgumentException
        || ex instanceof IllegalStateException
        || ex instanceof DatasetException
        || ex instanceof IOException
        || ex instanceof UncheckedIOException;
  }

  private static String firstLine(String message) {
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
