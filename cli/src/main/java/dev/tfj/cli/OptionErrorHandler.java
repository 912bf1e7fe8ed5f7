package dev.tfj.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/**
 * A command line picocli cannot parse: one line naming the problem and a pointer to {@code --help}. A value an
 * option does not take is one line, {@code --layout 'N,3,3': choose one of …}, saying what it does take.
 */
final class OptionErrorHandler implements IParameterExceptionHandler {

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    String badValue = ex.getArgSpec() instanceof OptionSpec option ? badValue(option, ex) : null;
    if (badValue != null) {
      err.println(cmd.getCommandSpec().qualifiedName() + ": " + badValue);
    } else {
      err.println(cmd.getCommandName() + ": " + ex.getMessage());
      err.println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
    }
    err.flush();
    return ExitCodes.USAGE;
  }

  /** {@code --opt 'value': choose …} for an enum or converted option given a value it does not take, else null. */
  private static String badValue(OptionSpec option, ParameterException ex) {
    String choices = choices(option, ex);
    return choices == null ? null : option.longestName() + " '" + ex.getValue() + "': " + choices;
  }

  /** What a wrongly valued enum or converted option takes, or null for any other parse error. */
  private static String choices(OptionSpec option, ParameterException ex) {
    if (!(ex.getCause() instanceof TypeConversionException rejected)) {
      return null;
    }
    if (option.converters().length > 0) {
      return rejected.getMessage(); // tfj's converters say what to choose
    }
    if (option.type().isEnum()) {
      List<String> names = Arrays.stream(option.type().getEnumConstants())
          .map(c -> c.toString().toLowerCase(Locale.ROOT)) // tfj's enums show their command-line ids
          .toList();
      return "choose " + (names.size() == 2
          ? names.get(0) + " or " + names.get(1)
          : "one of " + String.join(", ", names));
    }
    return null;
  }
}
