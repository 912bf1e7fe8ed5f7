package dev.tfj.cli.report;

import dev.tfj.bundle.ServingSignature;
import dev.tfj.trainer.data.Dataset;
import dev.tfj.trainer.data.ImageSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/** Everything a report shows: the bundles with their re-run evaluations, and the test set they ran on. */
public record ReportData(List<ModelReport> models, String datasetName, ImageSet test) {

  /**
   * Evaluates every bundle on the data set's test images, telling {@code progress} each result as it comes.
   */
  public static ReportData load(List<BundleRef> bundles, Dataset data, BiConsumer<BundleRef, Evaluation> progress) {
    ImageSet test = data.test();
    if (test.rows() != ServingSignature.IMAGE_SIZE || test.cols() != ServingSignature.IMAGE_SIZE) {
      throw new IllegalArgumentException(
          data.name() + ": images are " + test.rows() + "x" + test.cols() + ", tfj bundles take "
              + ServingSignature.IMAGE_SIZE + "x" + ServingSignature.IMAGE_SIZE);
    }
    List<ModelReport> models = new ArrayList<>();
    Set<String> slugs = new HashSet<>();
    for (BundleRef bundle : bundles) {
      Evaluation evaluation = Evaluator.evaluate(bundle.dir(), test);
      progress.accept(bundle, evaluation);
      boolean sameData =
          bundle.metrics().dataset() != null
              && Objects.equals(bundle.metrics().dataset().sha256(), data.info().sha256());
      models.add(new ModelReport(bundle, evaluation, uniqueSlug(bundle, slugs), sameData));
    }
    return new ReportData(List.copyOf(models), data.name(), test);
  }

  /** The test images every model gets wrong, ascending; empty with fewer than two models. */
  public List<Integer> sharedErrors() {
    List<Integer> shared = new ArrayList<>();
    if (models.size() < 2) {
      return shared;
    }
    for (int i = 0; i < test.count(); i++) {
      int image = i;
      if (models.stream().allMatch(m -> m.evaluation().wrong(image))) {
        shared.add(i);
      }
    }
    return shared;
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
