package dev.tfj.cli.report;

import dev.tfj.cli.predict.TestSetEvaluation;
import dev.tfj.inference.Evaluation;
import dev.tfj.inference.ImageClassifier;
import dev.tfj.inference.ImageFeed;
import dev.tfj.inference.SessionThreads;
import dev.tfj.trainer.data.Dataset;
import dev.tfj.trainer.data.ImageSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.IntStream;

/** Everything a report shows: the bundles with their re-run evaluations, and the test set they ran on. */
public record ReportData(List<ModelReport> models, String datasetName, ImageSet test) {

  /**
   * Evaluates every bundle on the data set's test images, telling {@code progress} each result as it comes.
   */
  public static ReportData load(List<BundleRef> bundles, Dataset data, BiConsumer<BundleRef, Evaluation> progress) {
    ImageSet test = data.test();
    List<ModelReport> models = new ArrayList<>();
    Set<String> slugs = new HashSet<>();
    for (BundleRef bundle : bundles) {
      Evaluation evaluation;
      try (ImageClassifier classifier = ImageClassifier.open(bundle.dir(), ImageFeed.defaults(), SessionThreads.defaults())) {
        evaluation = TestSetEvaluation.run(classifier, test, images -> {});
      }
      progress.accept(bundle, evaluation);
      boolean sameData =
          bundle.metrics().dataset() != null
              && Objects.equals(bundle.metrics().dataset().sha256(), data.info().sha256());
      models.add(new ModelReport(bundle, evaluation, uniqueSlug(bundle, slugs), sameData));
    }
    return new ReportData(List.copyOf(models), data.name(), test);
  }

  /** The test images every model gets wrong, ascending; empty with fewer than two models. */
  public int[] sharedErrors() {
    if (models.size() < 2) {
      return new int[0];
    }
    return IntStream.range(0, test.count())
        .filter(image -> models.stream().allMatch(m -> m.evaluation().wrong(image)))
        .toArray();
  }

  /** A file-name-safe, unique name for the bundle: {@code lenet5-v3}, then {@code lenet5-v3-2} for a repeat. */
  private static String uniqueSlug(BundleRef bundle, Set<String> taken) {
    String base = bundle.label().toLowerCase(Locale.ROOT).replace("/", "-v").replaceAll("[^a-z0-9._-]+", "_");
    String slug = base;
    for (int n = 2; !taken.add(slug); n++) {
      slug = base + "-" + n;
    }
    return slug;
  }
}
