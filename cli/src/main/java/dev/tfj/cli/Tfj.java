package dev.tfj.cli;

import dev.tfj.bundle.OneDnn;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

/** The root {@code tfj} command. */
@Command(
    name = "tfj",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Train, export, inspect and serve small image classifiers with TensorFlow Java.",
    footer = {
      "",
      "  spark-predict  Score a dataset with any SavedModel on Apache Spark (through the ./tfj launcher,",
      "                 which builds the spark module on first use; ./tfj spark-predict --help, docs/spark.md)."
    },
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
      StudyCommand.class,
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
    return new CommandLine(new Tfj())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler(new ErrorHandler())
        .setParameterExceptionHandler(new OptionErrorHandler());
  }
}
