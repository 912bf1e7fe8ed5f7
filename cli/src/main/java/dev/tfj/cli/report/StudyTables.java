package dev.tfj.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tfj.bundle.MetricsFile;
import dev.tfj.bundle.ServingSignature;
import dev.tfj.bundle.TrainingMetrics;
import dev.tfj.trainer.study.GroupSummary;
import dev.tfj.trainer.study.RunResult;
import dev.tfj.trainer.study.Spread;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** A study report's tables, every number formatted once for both pages. */
public final class StudyTables {

  private StudyTables() {}

  /** One row per group: size, and final and best test accuracy and loss as mean ± std and min–max. */
  static Table summary(List<GroupSummary> groups) {
    List<List<String>> rows = new ArrayList<>();
    for (GroupSummary g : groups) {
      rows.add(List.of(
          g.group().label(),
          g.group().model(),
          Tables.count(g.parameters()),
          Integer.toString(g.runs().size()),
          percent(g.finalAccuracy()),
          percentRange(g.finalAccuracy()),
          percent(g.bestAccuracy()),
          percentRange(g.bestAccuracy()),
          loss(g.finalLoss()),
          lossRange(g.finalLoss()),
          loss(g.bestLoss()),
          lossRange(g.bestLoss())));
    }
    return new Table(
        List.of("Group", "Model", "Parameters", "Seeds", "Final test acc (mean ± std)", "Final test acc (min–max)",
            "Best test acc (mean ± std)", "Best test acc (min–max)", "Final test loss (mean ± std)",
            "Final test loss (min–max)", "Best test loss (mean ± std)", "Best test loss (min–max)"),
        rows,
        2);
  }

  /** One row per run of a group: accuracy, loss, time and speed. */
  static Table runs(GroupSummary group) {
    List<List<String>> rows = new ArrayList<>();
    for (RunResult r : group.runs()) {
      TrainingMetrics t = r.metrics();
      rows.add(List.of(
          r.name(),
          Long.toString(r.run().seed()),
          Tables.percent(t.finalTestAccuracy()),
          Tables.percent(t.bestTestAccuracy()) + " (" + t.bestEpoch() + ")",
          Tables.loss(t.epochs().get(t.epochs().size() - 1).testLoss()),
          Integer.toString(t.epochs().size()),
          String.format(Locale.ROOT, "%.1f s", t.wallTimeSeconds()),
          String.format(Locale.ROOT, "%,.0f", t.imagesPerSecond())));
    }
    return new Table(
        List.of("Run", "Seed", "Final test acc", "Best test acc (epoch)", "Final test loss", "Epochs", "Wall time",
            "Images/s"),
        rows,
        1);
  }

  /**
   * One row per group: every hyperparameter its bundles' metrics.json recorded, whatever they are, the seed
   * left out; a setting that differs between a group's runs shows each value.
   */
  static Table settings(List<GroupSummary> groups) {
    Set<String> names = new LinkedHashSet<>();
    List<List<JsonNode>> trees = new ArrayList<>();
    for (GroupSummary g : groups) {
      List<JsonNode> runs = new ArrayList<>();
      for (RunResult r : g.runs()) {
        JsonNode tree = MetricsFile.mapper().valueToTree(r.metrics().hyperparameters());
        tree.fieldNames().forEachRemaining(names::add);
        runs.add(tree);
      }
      trees.add(runs);
    }
    names.remove("seed");
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < groups.size(); i++) {
      List<String> row = new ArrayList<>();
      row.add(groups.get(i).group().label());
      for (String name : names) {
        Set<String> values = new LinkedHashSet<>();
        for (JsonNode run : trees.get(i)) {
          values.add(value(run.get(name)));
        }
        row.add(String.join(" / ", values));
      }
      rows.add(row);
    }
    List<String> header = new ArrayList<>();
    header.add("Group");
    header.addAll(names);
    return new Table(header, rows, header.size());
  }

  /** Accuracy on each digit, the mean over each group's runs. */
  static Table perClass(List<GroupSummary> groups) {
    List<List<String>> rows = new ArrayList<>();
    for (int c = 0; c < ServingSignature.NUM_CLASSES; c++) {
      List<String> row = new ArrayList<>();
      row.add(Integer.toString(c));
      for (GroupSummary g : groups) {
        row.add(Tables.percent(g.classAccuracy()[c]));
      }
      rows.add(row);
    }
    List<String> header = new ArrayList<>();
    header.add("Digit");
    groups.forEach(g -> header.add(g.group().label()));
    return new Table(header, rows, 1);
  }

  /** An accuracy spread as percentages: {@code 99.20 ± 0.08%}. */
  public static String percent(Spread s) {
    return String.format(Locale.ROOT, "%.2f ± %.2f%%", 100 * s.mean(), 100 * s.std());
  }

  /** An accuracy range as percentages: {@code 99.12–99.28%}. */
  public static String percentRange(Spread s) {
    return String.format(Locale.ROOT, "%.2f–%.2f%%", 100 * s.min(), 100 * s.max());
  }

  /** A loss spread: {@code 0.0291 ± 0.0012}. */
  static String loss(Spread s) {
    return String.format(Locale.ROOT, "%.4f ± %.4f", s.mean(), s.std());
  }

  /** A loss range: {@code 0.0280–0.0303}. */
  static String lossRange(Spread s) {
    return String.format(Locale.ROOT, "%.4f–%.4f", s.min(), s.max());
  }

  private static String value(JsonNode node) {
    if (node == null || node.isNull()) {
      return "–";
    }
    if (node.isNumber()) {
      return Tables.number(node.asDouble());
    }
    return node.asText();
  }
}
