package dev.tfj.cli;

import dev.tfj.bundle.MetricsFile;
import dev.tfj.bundle.TrainingMetrics;
import dev.tfj.cli.predict.TestSetEvaluation;
import dev.tfj.inference.ConfusionTable;
import dev.tfj.inference.Evaluation;
import dev.tfj.inference.ImageClassifier;
import dev.tfj.trainer.data.ImageSet;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tfj evaluate}: accuracy, loss and confusion matrix of a SavedModel on the test set. */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Evaluate a SavedModel (ours or a foreign MNIST classifier) on the test set: accuracy, cross-entropy",
      "loss, per-class accuracy and the confusion matrix."
    })
public final class EvaluateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = {"-m", "--model"},
      required = true,
      paramLabel = "PATH",
      description = "A version directory (saved-models/lenet5/1) or a model directory (its latest version).")
  Path model;

  @Mixin ImageModelMixin input;

  @Mixin DataOptions data;

  @Mixin Verbosity verbosity;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (ImageClassifier classifier = input.open(model)) {
      ImageSet test = data.load(err).test();
      Evaluation eval = evaluate(classifier, test, err);
      out.printf(Locale.ROOT, "model     %s (%s)%n", classifier.dir(), classifier.describe());
      out.printf(Locale.ROOT, "images    %,d test images%n", eval.count());
      out.printf(Locale.ROOT, "accuracy  %.4f (%d/%d)%n", eval.accuracy(), eval.correct(), eval.count());
      out.printf(Locale.ROOT, "loss      %.4f (mean cross-entropy)%n", eval.loss());
      recorded(classifier.dir()).ifPresent(m -> out.printf(
          Locale.ROOT, "recorded  %.4f (final test accuracy in metrics.json)%n", m.finalTestAccuracy()));
      ConfusionTable.print(out, eval);
    }
    return ExitCodes.OK;
  }

  private static Evaluation evaluate(ImageClassifier classifier, ImageSet test, PrintWriter err) {
    try (ConsoleProgress progress = new ConsoleProgress(err)) {
      progress.start("evaluate", test.count(), " img", 1);
      return TestSetEvaluation.run(classifier, test, progress::stepBy);
    }
  }

  private static Optional<TrainingMetrics> recorded(Path dir) {
    try {
      return MetricsFile.read(dir);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
