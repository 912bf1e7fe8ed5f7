package dev.tfj.trainer.study;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tfj.bundle.DatasetInfo;
import dev.tfj.bundle.MetricsFile;
import dev.tfj.bundle.TempFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A study directory's {@code study.json}: the plan and the data it trains on, written before the first run so a
 * second invocation can tell whether it continues the same study.
 */
public record StudyManifest(StudyPlan plan, String datasetName, String datasetSha256) {

  /** The file's name inside the study directory. */
  public static final String FILE = "study.json";

  private static final ObjectMapper MAPPER = MetricsFile.mapper();

  /**
   * Records {@code plan} on {@code data} in {@code dir}, or checks that the study already there is the same.
   *
   * @throws StudyPlanMismatchException when {@code dir} holds a study with another plan or data
   */
  static StudyManifest claim(Path dir, StudyPlan plan, DatasetInfo data) throws IOException {
    StudyManifest wanted = new StudyManifest(plan, data.name(), data.sha256());
    Path file = dir.resolve(FILE);
    if (Files.isRegularFile(file)) {
      StudyManifest there = read(dir);
      List<String> differences = there.differencesFrom(wanted);
      if (!differences.isEmpty()) {
        throw new StudyPlanMismatchException(dir, differences);
      }
      return there;
    }
    Files.createDirectories(dir);
    Path tmp = TempFiles.createFile(dir, ".study-", ".tmp");
    try {
      MAPPER.writeValue(tmp.toFile(), wanted);
      TempFiles.replace(tmp, file);
    } finally {
      Files.deleteIfExists(tmp);
    }
    return wanted;
  }

  /** Reads {@code dir/study.json}. */
  public static StudyManifest read(Path dir) throws IOException {
    return MAPPER.readValue(dir.resolve(FILE).toFile(), StudyManifest.class);
  }

  /** What differs between this (in the directory) and {@code now} (asked for), in words; empty when the same. */
  List<String> differencesFrom(StudyManifest now) {
    List<String> out = new ArrayList<>();
    StudyPlan a = plan;
    StudyPlan b = now.plan;
    differ(out, "models", a.models(), b.models());
    differ(out, "seeds", a.seeds(), b.seeds());
    differ(out, "ablation", a.ablation(), b.ablation());
    if (!Objects.equals(datasetSha256, now.datasetSha256)) {
      out.add("data: " + datasetName + " (SHA-256 " + abbrev(datasetSha256) + ") there, " + now.datasetName
          + " (SHA-256 " + abbrev(now.datasetSha256) + ") now");
    }
    if (out.isEmpty() && !a.equals(b)) {
      for (StudyRun run : b.runs()) {
        a.runs().stream()
            .filter(r -> r.name().equals(run.name()))
            .findFirst()
            .ifPresentOrElse(
                old -> settingDifferences(out, run.name(), old, run),
                () -> out.add("run " + run.name() + ": absent there"));
      }
      if (out.isEmpty()) {
        out.add("runs: " + a.runs().stream().map(StudyRun::name).toList() + " there, "
            + b.runs().stream().map(StudyRun::name).toList() + " now");
      }
    }
    return out;
  }

  /** Every training setting of the two runs that differs, read generically so new settings are compared too. */
  private static void settingDifferences(List<String> out, String name, StudyRun there, StudyRun now) {
    JsonNode a = MAPPER.valueToTree(there.config());
    JsonNode b = MAPPER.valueToTree(now.config());
    List<String> fields = new ArrayList<>();
    a.fieldNames().forEachRemaining(fields::add);
    for (Iterator<Map.Entry<String, JsonNode>> it = b.fields(); it.hasNext(); ) {
      String f = it.next().getKey();
      if (!fields.contains(f)) {
        fields.add(f);
      }
    }
    for (String f : fields) {
      JsonNode x = a.get(f);
      JsonNode y = b.get(f);
      if (!Objects.equals(x, y)) {
        out.add(name + " " + f + ": " + text(x) + " there, " + text(y) + " now");
      }
    }
  }

  private static void differ(List<String> out, String what, Object there, Object now) {
    if (!Objects.equals(there, now)) {
      out.add(what + ": " + there + " there, " + now + " now");
    }
  }

  private static String text(JsonNode node) {
    return node == null ? "unset" : node.isTextual() ? node.asText() : node.toString();
  }

  private static String abbrev(String sha) {
    return sha == null ? "?" : sha.substring(0, Math.min(12, sha.length()));
  }
}
