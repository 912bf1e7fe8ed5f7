package dev.tfj.cli.report;

import dev.tfj.bundle.ServingSignature;
import dev.tfj.bundle.TrainingMetrics;
import dev.tfj.inference.Evaluation;

/**
 * One bundle's part of the report: what it recorded, what re-running it measured, and the slug its image files are
 * named by.
 *
 * @param sameData whether the bundle was trained on the data set the report evaluates it on (same SHA-256)
 */
public record ModelReport(BundleRef bundle, Evaluation evaluation, String slug, boolean sameData) {

  /** The bundle's recorded metrics. */
  public TrainingMetrics metrics() {
    return bundle.metrics();
  }

  /** The confusion matrix metrics.json recorded, or the re-run's when it recorded none. */
  public int[][] confusionMatrix() {
    int[][] recorded = metrics().confusionMatrix();
    return recorded != null && recorded.length == ServingSignature.NUM_CLASSES
        ? recorded
        : evaluation.confusion();
  }

  /** The confusion matrix image. */
  public String confusionPng() {
    return "confusion-" + slug + ".png";
  }

  /** The grid of misclassified test digits. */
  public String errorsPng() {
    return "errors-" + slug + ".png";
  }
}
