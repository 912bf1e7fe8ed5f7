package dev.tfj.cli;

import dev.tfj.trainer.data.Dataset;
import dev.tfj.trainer.data.FetchResult;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tfj data}: download and check datasets. */
@Command(
    name = "data",
    mixinStandardHelpOptions = true,
    description = "Download and check datasets.",
    subcommands = {DataCommand.Fetch.class, DataCommand.Info.class})
public final class DataCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCodes.OK;
  }

  /** {@code tfj data fetch}. */
  @Command(
      name = "fetch",
      mixinStandardHelpOptions = true,
      description = {
        "Download a dataset's four IDX files into data/<dataset>/ (or --data-dir), trying each mirror in turn",
        "and verifying SHA-256; files already present and valid are kept."
      })
  static final class Fetch implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin DataOptions data;
    @Mixin Verbosity verbosity;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      FetchResult result = data.fetch(spec.commandLine().getErr());
      out.println(
          result.directory() + ": " + result.downloaded().size() + " downloaded, "
              + result.alreadyPresent().size() + " already present");
      return ExitCodes.OK;
    }
  }

  /** {@code tfj data info}. */
  @Command(
      name = "info",
      mixinStandardHelpOptions = true,
      description = "Load a dataset and print its sizes and checksums.")
  static final class Info implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin DataOptions data;
    @Mixin Verbosity verbosity;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      Dataset dataset = data.load(spec.commandLine().getErr());
      out.printf(
          Locale.ROOT,
          "%s: %,d train and %,d test images of %dx%d%n",
          dataset.name(),
          dataset.train().count(),
          dataset.test().count(),
          dataset.train().rows(),
          dataset.train().cols());
      for (Map.Entry<String, String> file : dataset.info().files().entrySet()) {
        out.println("  " + file.getValue() + "  " + file.getKey());
      }
      out.println("  dataset sha256 " + dataset.info().sha256());
      return ExitCodes.OK;
    }
  }
}
