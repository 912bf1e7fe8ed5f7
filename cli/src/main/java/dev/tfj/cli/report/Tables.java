package dev.tfj.cli.report;

import dev.tfj.bundle.EpochMetrics;
import dev.tfj.bundle.Hyperparameters;
import dev.tfj.bundle.LayerParameters;
import dev.tfj.bundle.TrainingMetrics;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The report's tables, with every number formatted once so the HTML and Markdown show the same text. */
public final class Tables {

  private Tables() {}

  /** One row per model: size, accuracies (recorded and re-measured), losses, time and speed. */
  public static Table comparison(List<ModelReport> models) {
    List<List<String>> rows = new ArrayList<>();
    for (ModelReport m : models) {
      TrainingMetrics t = m.metrics();
      EpochMetrics last = t.epochs().isEmpty() ? null : t.epochs().get(t.epochs().size() - 1);
      rows.add(
          List.of(
              m.bundle().label(),
              t.model(),
              count(t.totalParameters()),
              percent(t.finalTestAccuracy()),
              percent(t.bestTestAccuracy()) + " (" + t.bestEpoch() + ")",
              percent(m.evaluation().accuracy()) + (m.sameData() ? "" : " *"),
              last == null ? "" : percent(last.trainAccuracy()),
              last == null ? "" : loss(last.trainLoss()),
              last == null ? "" : loss(last.testLoss()),
              Integer.toString(t.epochs().size()),
              String.format(Locale.ROOT, "%.1f s", t.wallTimeSeconds()),
              String.format(Locale.ROOT, "%,.0f", t.imagesPerSecond())));
    }
    return new Table(
        List.of(
            "Model", "Architecture", "Parameters", "Final test acc", "Best test acc (epoch)", "Re-run test acc",
            "Final train acc", "Final train loss", "Final test loss", "Epochs", "Wall time", "Images/s"),
        rows,
        2);
  }

  /** One row per model: how it was trained. */
  public static Table hyperparameters(List<ModelReport> models) {
    List<List<String>> rows = new ArrayList<>();
    for (ModelReport m : models) {
      Hyperparameters h = m.metrics().hyperparameters();
      String optimizer =
          h.optimizer() + (h.momentum() > 0 ? " (momentum " + number(h.momentum()) + ")" : "");
      rows.add(
          List.of(
              m.bundle().label(),
              optimizer,
              h.learningRateSchedule(),
              number(h.learningRate()),
              number(h.weightDecay()),
              number(h.dropout()),
              Integer.toString(h.batchSize()),
              augmentation(h),
              number(h.labelSmoothing()),
              Integer.toString(h.warmupEpochs()),
              Long.toString(h.seed())));
    }
    return new Table(
        List.of(
            "Model", "Optimizer", "LR schedule", "Learning rate", "Weight decay", "Dropout", "Batch", "Augmentation",
            "Label smoothing", "Warm-up epochs", "Seed"),
        rows,
        3);
  }

  /** The random moves of training images, e.g. {@code ±2 px, ±10°, ±0.1 scale}, or {@code none}. */
  public static String augmentation(Hyperparameters h) {
    if (!h.augmented()) {
      return "none";
    }
    return "±" + number(h.augmentShiftPixels()) + " px, ±" + number(h.augmentRotationDegrees()) + "°, ±"
        + number(h.augmentScale()) + " scale";
  }

  /** A model's layers: name, output shape and trainable parameters, with the total last. */
  public static Table layers(TrainingMetrics metrics) {
    List<List<String>> rows = new ArrayList<>();
    for (LayerParameters layer : metrics.layers()) {
      rows.add(List.of(layer.name(), shape(layer.outputShape()), count(layer.parameters())));
    }
    rows.add(List.of("total", "", count(metrics.totalParameters())));
    return new Table(List.of("Layer", "Output shape", "Parameters"), rows, 2);
  }

  /** A model's epochs: losses, accuracies and time. */
  public static Table epochs(TrainingMetrics metrics) {
    List<List<String>> rows = new ArrayList<>();
    for (EpochMetrics e : metrics.epochs()) {
      rows.add(
          List.of(
              Integer.toString(e.epoch()),
              loss(e.trainLoss()),
              percent(e.trainAccuracy()),
              loss(e.testLoss()),
              percent(e.testAccuracy()),
              String.format(Locale.ROOT, "%.1f s", e.seconds())));
    }
    return new Table(
        List.of("Epoch", "Train loss", "Train acc", "Test loss", "Test acc", "Time"), rows, 0);
  }

  /** An accuracy as a percentage with two decimals, exact for a 10,000-image test set: {@code 98.91%}. */
  public static String percent(double fraction) {
    return String.format(Locale.ROOT, "%.2f%%", 100 * fraction);
  }

  /** A cross-entropy loss to four decimals. */
  public static String loss(double value) {
    return String.format(Locale.ROOT, "%.4f", value);
  }

  /** A count with thousands separators: {@code 61,706}. */
  public static String count(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  /** A hyperparameter as written, without float noise or exponents: {@code 0.0005}. */
  public static String number(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  private static String shape(List<Long> dims) {
    return dims.stream().map(d -> d < 0 ? "N" : Long.toString(d)).collect(Collectors.joining(", ", "(", ")"));
  }
}
