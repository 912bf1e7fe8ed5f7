package dev.tfj.trainer.study;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tfj.bundle.DatasetInfo;
import dev.tfj.bundle.MetricsFile;
import dev.tfj.bundle.TrainingMetrics;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Checks that a bundle found in a study directory is the run the plan asks for, so a bundle left by another
 * study (its {@code study.json} removed) is never reused as this one's.
 */
final class FinishedRuns {

  private FinishedRuns() {}

  /**
   * What differs between {@code run}'s settings and the ones {@code metrics} recorded: the model, the data, and
   * every hyperparameter recorded under the name of a training setting, whatever settings exist.
   */
  static List<String> differences(StudyRun run, TrainingMetrics metrics, DatasetInfo data) {
    List<String> out = new ArrayList<>();
    String name = run.name();
    if (!run.model().equals(metrics.model())) {
      out.add(name + " model: " + metrics.model() + " in its bundle, " + run.model() + " now");
    }
    if (metrics.dataset() != null && !Objects.equals(metrics.dataset().sha256(), data.sha256())) {
      out.add(name + ": trained on other data than " + data.name());
    }
    JsonNode wanted = MetricsFile.mapper().valueToTree(run.config());
    JsonNode recorded = MetricsFile.mapper().valueToTree(metrics.hyperparameters());
    for (Iterator<Map.Entry<String, JsonNode>> it = recorded.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      JsonNode want = wanted.get(field.getKey());
      if (want != null && !same(field.getValue(), want)) {
        out.add(name + " " + field.getKey() + ": " + text(field.getValue()) + " in its bundle, " + text(want)
            + " now");
      }
    }
    return out;
  }

  private static boolean same(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return a.asDouble() == b.asDouble();
    }
    if (a.isTextual() && b.isTextual()) {
      return a.asText().toLowerCase(Locale.ROOT).equals(b.asText().toLowerCase(Locale.ROOT));
    }
    return a.equals(b);
  }

  private static String text(JsonNode node) {
    return node.isTextual() ? node.asText() : node.toString();
  }
}
