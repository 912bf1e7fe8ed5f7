package dev.tfj.cli;

import dev.tfj.bundle.OneDnn;
import dev.tfj.trainer.data.DatasetException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** The root {@code tfj} command. */
@Command(
    name = "tfj",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Train, export, inspect and serve small image classifiers with TensorFlow Java.",
    subcommands = {
      TrainCommand.class,
      SummaryCommand.class,
      DataCommand.class,
      ServeCommand.class,
      PredictCommand.class,
      EvaluateCommand.class,
      InspectCommand.class,
      BenchCommand.class,
      ReportCommand.class,
      HelpCommand.class
    })
public final class Tfj {

  /** Parses and runs {@code args}; returns the exit code. */
  public static int run(String[] args) {
    Verbosity.configure(args);
    OneDnn.enableUnlessSet(); // before any command touches TensorFlow
    return commandLine().execute(args);
  }

  /** The configured command line, for {@link Main} and in-process tests. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Tfj());
    cli.setExecutionExceptionHandler(new ErrorHandler());
    cli.setParameterExceptionHandler(
        (ex, args) -> {
          PrintWriter err = ex.getCommandLine().getErr();
          err.println(ex.getCommandLine().getCommandName() + ": " + ex.getMessage());
          err.println("Run '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
          return ExitCodes.USAGE;
        });
    return cli;
  }

  /** Turns a failed command into one line on stderr (a stack trace too with {@code -v}) and an exit code. */
  static final class ErrorHandler implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parsed) {
      PrintWriter err = cmd.getErr();
      Throwable shown = ex instanceof UncheckedIOException u && u.getCause() != null ? u : ex;
      String message = shown.getMessage() == null ? shown.getClass().getSimpleName() : shown.getMessage();
      err.println(cmd.getCommandSpec().qualifiedName() + ": " + firstLine(message));
      if (Verbosity.verbose()) {
        ex.printStackTrace(err);
      } else if (!expected(ex)) {
        err.println("(run with -v for details)");
      }
      err.flush();
      return ex instanceof IllegalArgumentException || (ex instanceof UserError u && u.usage())
          ? ExitCodes.USAGE
          : ExitCodes.SOFTWARE;
    }

    /** Failures whose message says all a user needs; anything else is a bug worth a stack trace. */
    private static boolean expected(Exception ex) {
      return ex instanceof UserError
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
}
