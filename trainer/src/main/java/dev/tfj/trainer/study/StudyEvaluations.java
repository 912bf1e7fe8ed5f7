package dev.tfj.trainer.study;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tfj.bundle.MetricsFile;
import dev.tfj.bundle.TempFiles;
import dev.tfj.bundle.TrainingMetrics;
import dev.tfj.inference.Evaluation;
import dev.tfj.inference.ImageClassifier;
import dev.tfj.inference.ImageFeed;
import dev.tfj.inference.SessionThreads;
import dev.tfj.trainer.data.Dataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Every run's bundle classifies the test set once through its serving signature, for the digits all runs get
 * wrong; the predictions are kept under {@code evaluations/<run>.json} so a finished study reports again at once.
 */
final class StudyEvaluations {

  static final String DIR = "evaluations";

  private static final ObjectMapper MAPPER = MetricsFile.mapper();

  /** What one bundle predicted for each test image of the data set with {@code datasetSha256}. */
  record Predictions(String datasetSha256, String bundleCreatedAt, int[] predictions) {}

  private StudyEvaluations() {}

  static StudyResults evaluate(
      Path dir, StudyPlan plan, Dataset data, TrainingMetrics[] metrics, StudyListener listener) throws IOException {
    List<RunResult> results = new ArrayList<>();
    Files.createDirectories(dir.resolve(DIR));
    for (int i = 0; i < metrics.length; i++) {
      StudyRun run = plan.runs().get(i);
      Path bundle = Study.bundleDir(dir, run);
      Path file = dir.resolve(DIR).resolve(run.name() + ".json");
      int[] predictions = cached(file, data, metrics[i]);
      if (predictions == null) {
        listener.evaluating(run, i + 1, metrics.length);
        predictions = classify(bundle, data);
        write(file, new Predictions(data.info().sha256(), metrics[i].createdAt(), predictions));
      }
      results.add(new RunResult(run, bundle, metrics[i], predictions));
    }
    return new StudyResults(plan, data.name(), data.test(), results);
  }

  private static int[] cached(Path file, Dataset data, TrainingMetrics metrics) throws IOException {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    Predictions p = MAPPER.readValue(file.toFile(), Predictions.class);
    boolean valid =
        Objects.equals(p.datasetSha256(), data.info().sha256())
            && Objects.equals(p.bundleCreatedAt(), metrics.createdAt())
            && p.predictions() != null
            && p.predictions().length == data.test().count();
    return valid ? p.predictions() : null;
  }

  private static int[] classify(Path bundle, Dataset data) {
    try (ImageClassifier classifier =
        ImageClassifier.open(bundle, ImageFeed.defaults(), SessionThreads.defaults())) {
      Evaluation evaluation = classifier.evaluate(data.test().pixels(), data.test().labels(), images -> {});
      return evaluation.predictions();
    }
  }

  private static void write(Path file, Predictions predictions) throws IOException {
    Path tmp = TempFiles.createFile(file.getParent(), ".evaluation-", ".tmp");
    try {
      MAPPER.writeValue(tmp.toFile(), predictions);
      TempFiles.replace(tmp, file);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
