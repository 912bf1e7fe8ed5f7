package dev.tfj.cli;

import dev.tfj.trainer.model.Architecture;
import dev.tfj.trainer.model.LayerInfo;
import dev.tfj.trainer.model.ModelSummary;
import dev.tfj.trainer.train.TrainingConfig;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tfj summary}: the per-layer table of a model, read from its built graph. */
@Command(
    name = "summary",
    mixinStandardHelpOptions = true,
    description = "Print a model's layers, output shapes and parameter counts, read from its TensorFlow graph.")
public final class SummaryCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = {"-m", "--model"},
      defaultValue = TrainingConfig.DEFAULT_MODEL,
      completionCandidates = TrainCommand.ModelNames.class,
      description = "Model: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  String model;

  @Mixin Verbosity verbosity;

  @Override
  public Integer call() {
    Architecture arch = TrainCommand.architecture(model);
    ModelSummary summary = ModelSummary.of(arch);
    PrintWriter out = spec.commandLine().getOut();
    out.println("Model: " + summary.model() + " (input 28x28x1, " + arch.inputSize() + "x" + arch.inputSize()
        + " after in-graph padding)");
    String format = "%-10s %-20s %,12d%n";
    out.printf(Locale.ROOT, "%-10s %-20s %12s%n", "Layer", "Output shape", "Parameters");
    out.println("-".repeat(44));
    for (LayerInfo layer : summary.layers()) {
      out.printf(Locale.ROOT, format, layer.name(), shape(layer), layer.parameters());
    }
    out.println("-".repeat(44));
    out.printf(Locale.ROOT, "%-31s %,12d%n", "Total trainable parameters", summary.totalParameters());
    return ExitCodes.OK;
  }

  private static String shape(LayerInfo layer) {
    return layer.outputShape().stream()
        .map(d -> d < 0 ? "N" : Long.toString(d))
        .collect(Collectors.joining(", ", "(", ")"));
  }
}
