package dev.tfj.spark;

import dev.tfj.cli.Tfj;
import dev.tfj.spark.cli.SparkPredictCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** {@code tfj ...} and {@code tfj spark-predict ...} run in this JVM, with what they printed. */
record Commands(int exit, String out, String err) {

  /** A {@code tfj} command (train, predict...). */
  static Commands tfj(String... args) {
    return run(Tfj.commandLine(), args);
  }

  /** {@code tfj spark-predict}, on the tests' running Spark session. */
  static Commands sparkPredict(String... args) {
    TestSpark.session();
    return run(SparkPredictCommand.commandLine(), args);
  }

  private static Commands run(CommandLine cli, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = cli.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
    return new Commands(exit, out.toString(), err.toString());
  }

  /** Fails with everything printed unless the command exited 0. */
  Commands requireSuccess() {
    if (exit != 0) {
      throw new AssertionError("exited " + exit + ":\n" + out + err);
    }
    return this;
  }
}
