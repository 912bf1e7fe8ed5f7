package dev.tfj.cli;

import dev.tfj.bundle.ServingSignature;
import dev.tfj.cli.predict.InputCollector;
import dev.tfj.cli.predict.InputImage;
import dev.tfj.cli.predict.LabelFile;
import dev.tfj.cli.predict.PredictionWriter;
import dev.tfj.inference.Classifications;
import dev.tfj.inference.Evaluation;
import dev.tfj.inference.ImageClassifier;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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

/** {@code tfj predict}: classifies image files, directories or an IDX file with a SavedModel. */
@Command(
    name = "predict",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Classify digits with a SavedModel. INPUT is a PNG/JPEG file (reduced to 28x28 as the server's image",
      "endpoint does), a directory of them (walked, sorted), or an IDX images file (raw or .gz). Writes one line",
      "per image: input, predicted class, its probability."
    })
public final class PredictCommand implements Callable<Integer> {

  private static final int BATCH = 256;

  @Spec CommandSpec spec;

  @Option(names = {"-m", "--model"}, required = true, paramLabel = "PATH",
      description = "A version directory (saved-models/lenet5/1) or a model directory (its latest version).")
  Path model;

  @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Image files, directories, or IDX image files.")
  List<Path> inputs;

  @Option(names = "--labels", paramLabel = "FILE",
      description = "True labels: an IDX labels file (in input order) or a CSV of file,label; prints accuracy.")
  Path labels;

  @Option(names = "--format", defaultValue = "csv", paramLabel = "FORMAT",
      description = "csv or jsonl (default: ${DEFAULT-VALUE}).")
  PredictionWriter.Format format;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write here instead of stdout.")
  Path output;

  @Mixin ImageModelMixin input;

  @Mixin Verbosity verbosity;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    List<InputImage> images = InputCollector.collect(inputs);
    LabelFile truth = labels == null ? null : LabelFile.read(labels);
    if (truth != null) {
      truth.requireCount(images.size());
    }
    try (ImageClassifier classifier = input.open(model);
        PrintWriter out = output == null ? null : new PrintWriter(Files.newBufferedWriter(output, StandardCharsets.UTF_8))) {
      PrintWriter sink = out != null ? out : spec.commandLine().getOut();
      Evaluation eval = run(classifier, images, truth, new PredictionWriter(sink, format, truth != null), err);
      sink.flush();
      if (truth != null) {
        err.printf(Locale.ROOT, "accuracy %.4f (%d/%d labelled images)%n", eval.accuracy(), eval.correct(), eval.count());
      }
    }
    return ExitCodes.OK;
  }

  private static Evaluation run(
      ImageClassifier classifier, List<InputImage> images, LabelFile truth, PredictionWriter writer, PrintWriter err) {
    Evaluation.Builder eval = Evaluation.builder(ServingSignature.NUM_CLASSES);
    try (ConsoleProgress progress = new ConsoleProgress(err)) {
      if (images.size() > 1000) {
        progress.start("predict", images.size(), " img", 1);
      }
      for (int from = 0; from < images.size(); from += BATCH) {
        int n = Math.min(BATCH, images.size() - from);
        Classifications classified = classifier.classify(InputImage.batch(images.subList(from, from + n)));
        for (int i = 0; i < n; i++) {
          InputImage image = images.get(from + i);
          int predicted = classified.classes()[i];
          float[] probabilities = classified.probabilities()[i];
          int label = truth == null ? -1 : truth.label(from + i, image);
          writer.write(image.name(), predicted, probabilities[predicted], label);
          if (label >= 0) {
            eval.add(label, predicted, probabilities);
          }
        }
        progress.stepBy(n);
      }
    }
    return eval.build();
  }
}
