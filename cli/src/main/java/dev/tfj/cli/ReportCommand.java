package dev.tfj.cli;

import dev.tfj.cli.report.BundleRef;
import dev.tfj.cli.report.ReportData;
import dev.tfj.cli.report.ReportWriter;
import dev.tfj.cli.report.Tables;
import dev.tfj.trainer.data.Dataset;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tfj report}: an HTML page and its Markdown twin comparing bundles, re-run on the test set. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Compare bundles in one self-contained HTML page and its Markdown twin.",
      "Layer tables, accuracy and loss, curves on shared axes, confusion matrices and the test digits each model gets"
          + " wrong, found by running every bundle's serving_default signature over the test set. Writes index.html,"
          + " report.md and PNGs into --out."
    })
public final class ReportCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(
      arity = "1..*",
      paramLabel = "BUNDLE",
      description = "A model directory (its latest version), such as saved-models/lenet5, or a version directory.")
  List<Path> bundles;

  @Option(
      names = {"-o", "--out"},
      defaultValue = "reports",
      paramLabel = "DIR",
      description = "Directory to write the report into (default: ${DEFAULT-VALUE}).")
  Path outDir;

  @Option(
      names = "--digits",
      defaultValue = "40",
      paramLabel = "N",
      description = "Misclassified digits to show per model (default: ${DEFAULT-VALUE}).")
  int digits;

  @Mixin DataOptions data;

  @Mixin Verbosity verbosity;

  @Override
  public Integer call() throws IOException {
    if (digits < 0) {
      throw UserError.usage("--digits must not be negative, got " + digits);
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<BundleRef> refs = bundles.stream().map(BundleRef::resolve).toList();
    Dataset dataset = data.load(err);
    ReportData report =
        ReportData.load(
            refs,
            dataset,
            (bundle, evaluation) -> {
              out.printf(
                  Locale.ROOT,
                  "%s: test accuracy %s re-run, %s in metrics.json (%,d misclassified)%n",
                  bundle.label(),
                  Tables.percent(evaluation.accuracy()),
                  Tables.percent(bundle.metrics().finalTestAccuracy()),
                  evaluation.count() - evaluation.correct());
              out.flush();
            });
    List<Path> files;
    try {
      files = ReportWriter.write(report, outDir, digits);
    } catch (IOException e) {
      throw UserError.failure(
          "cannot write the report to " + outDir + " (" + e.getClass().getSimpleName() + ": " + e.getMessage()
              + ")",
          e);
    }
    out.printf(Locale.ROOT, "wrote %s and %s (+ %d images)%n", files.get(0), files.get(1), files.size() - 2);
    return ExitCodes.OK;
  }
}
