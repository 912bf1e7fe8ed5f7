package dev.tfj.cli.report;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.tfj.bundle.ModelLayout;
import dev.tfj.trainer.study.GroupSummary;
import dev.tfj.trainer.study.RunResult;
import dev.tfj.trainer.study.StudyResults;
import dev.tfj.trainer.study.StudyRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes a study's {@code index.html} and {@code report.md} with their charts into the study directory, through a
 * temporary directory like {@link ReportWriter}, pages last.
 */
public final class StudyReportWriter {

  /** Accuracy curves of the models. */
  public static final String ACCURACY_PNG = "accuracy.png";
  /** Loss curves of the models. */
  public static final String LOSS_PNG = "loss.png";
  /** Accuracy curves of the ablation's arms. */
  public static final String ABLATION_ACCURACY_PNG = "ablation-accuracy.png";
  /** Loss curves of the ablation's arms. */
  public static final String ABLATION_LOSS_PNG = "ablation-loss.png";
  /** The digits every run gets wrong. */
  public static final String SHARED_ERRORS_PNG = "errors-all-runs.png";

  private StudyReportWriter() {}

  /**
   * Writes the report of {@code results} into {@code out}, showing up to {@code digits} shared errors and, under
   * each run, the command {@code command} gives for it; returns the pages written, HTML first.
   */
  public static List<Path> write(StudyResults results, Path out, int digits, Function<StudyRun, String> command)
      throws IOException {
    Files.createDirectories(out);
    Path tmp = Files.createTempDirectory(out, ".report-");
    try {
      List<String> names = images(results, tmp, digits);
      String at = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
      Files.writeString(tmp.resolve(MarkdownReport.FILE),
          page(Page.markdown(), results, digits, at, command).render(), UTF_8);
      Files.writeString(tmp.resolve(HtmlReport.FILE),
          page(Page.html(StudyText.title(results)), results, digits, at, command).render(), UTF_8);
      names.add(MarkdownReport.FILE);
      names.add(HtmlReport.FILE);
      ReportWriter.moveInto(tmp, out, names);
      return List.of(out.resolve(HtmlReport.FILE), out.resolve(MarkdownReport.FILE));
    } finally {
      ModelLayout.deleteTree(tmp);
    }
  }

  private static List<String> images(StudyResults r, Path dir, int digits) throws IOException {
    List<String> names = new ArrayList<>();
    if (!r.comparison().isEmpty()) {
      StudyCharts.accuracy("Models", r.comparison(), dir.resolve(ACCURACY_PNG));
      StudyCharts.loss("Models", r.comparison(), dir.resolve(LOSS_PNG));
      names.addAll(List.of(ACCURACY_PNG, LOSS_PNG));
    }
    if (!r.ablation().isEmpty()) {
      StudyCharts.accuracy("LeNet-5 ablation", r.ablation(), dir.resolve(ABLATION_ACCURACY_PNG));
      StudyCharts.loss("LeNet-5 ablation", r.ablation(), dir.resolve(ABLATION_LOSS_PNG));
      names.addAll(List.of(ABLATION_ACCURACY_PNG, ABLATION_LOSS_PNG));
    }
    int[] shared = r.sharedErrors();
    DigitGrid.write(
        "Misclassified by every run (true→most runs' prediction)",
        r.test(),
        Arrays.copyOf(shared, Math.min(digits, shared.length)),
        i -> r.test().label(i) + "→" + commonPrediction(r, i),
        dir.resolve(SHARED_ERRORS_PNG));
    names.add(SHARED_ERRORS_PNG);
    return names;
  }

  private static Page page(
      Page p, StudyResults r, int digits, String at, Function<StudyRun, String> command) {
    p.heading(1, null, StudyText.title(r)).paragraph(StudyText.intro(r, at));
    List<GroupSummary> comparison = r.comparison();
    List<GroupSummary> ablation = r.ablation();
    if (!comparison.isEmpty()) {
      p.heading(2, "models", "Models over seeds").table("summary", StudyTables.summary(comparison))
          .note(StudyText.summaryNote());
      noise(p, comparison);
    }
    if (!ablation.isEmpty()) {
      p.heading(2, "ablation", "Regularisation ablation (LeNet-5)").paragraph(StudyText.ablationNote())
          .table("ablation-summary", StudyTables.summary(ablation)).note(StudyText.summaryNote());
      noise(p, ablation);
    }
    List<GroupSummary> all = new ArrayList<>(comparison);
    all.addAll(ablation);
    p.heading(2, "training", "How each was trained")
        .note("Every hyperparameter as the bundles' metrics.json recorded it (seeds aside).")
        .table("settings", StudyTables.settings(all));

    p.heading(2, "curves", "Training and test curves");
    if (!comparison.isEmpty()) {
      p.figure(ACCURACY_PNG, "Accuracy per epoch of every model", "Mean over seeds; the band spans the lowest"
          + " to the highest run. All models on shared axes.");
      p.figure(LOSS_PNG, "Loss per epoch of every model", "Mean over seeds; the band spans the lowest to the"
          + " highest run.");
    }
    if (!ablation.isEmpty()) {
      p.figure(ABLATION_ACCURACY_PNG, "Accuracy per epoch of every ablation arm", "The ablation's arms, mean"
          + " over seeds with a min–max band.");
      p.figure(ABLATION_LOSS_PNG, "Loss per epoch of every ablation arm", "The ablation's arms, mean over seeds"
          + " with a min–max band.");
    }

    p.heading(2, "parameters", "Parameters per layer");
    String matching = StudyText.parameterMatching(r);
    if (matching != null) {
      p.paragraph(matching);
    }
    for (Map.Entry<String, RunResult> e : firstRunPerModel(r).entrySet()) {
      p.heading(3, "layers-" + e.getKey(), e.getKey())
          .table("layers-" + e.getKey(), Tables.layers(e.getValue().metrics()));
    }

    p.heading(2, "per-class", "Accuracy per digit").note("Final-epoch test accuracy on each digit, the mean"
        + " over each group's runs (from the confusion matrices in metrics.json).")
        .table("per-class", StudyTables.perClass(all));

    int[] shared = r.sharedErrors();
    p.heading(2, "shared-errors", "Digits every run gets wrong")
        .figure(SHARED_ERRORS_PNG, "Test digits every run gets wrong",
            StudyText.sharedCaption(r, shared, Math.min(digits, shared.length)));

    p.heading(2, "runs", "Runs");
    Map<List<String>, String> listed = new LinkedHashMap<>();
    for (int i = 0; i < all.size(); i++) {
      GroupSummary g = all.get(i);
      p.heading(3, null, g.group().label() + " (" + g.group().model() + ")");
      String same = listed.putIfAbsent(g.group().runs(), g.group().label());
      if (same != null) {
        p.paragraph("The same runs as " + same + " above: " + String.join(", ", g.group().runs()) + ".");
        continue;
      }
      p.table("runs-" + i, StudyTables.runs(g))
          .note(StudyText.commandsNote())
          .code(g.runs().stream().map(x -> command.apply(x.run())).toList());
    }
    return p;
  }

  private static void noise(Page p, List<GroupSummary> groups) {
    List<String> notes = StudyText.noise(groups);
    if (!notes.isEmpty()) {
      p.bullets(notes);
    }
  }

  private static Map<String, RunResult> firstRunPerModel(StudyResults r) {
    Map<String, RunResult> out = new LinkedHashMap<>();
    for (RunResult x : r.runs()) {
      out.putIfAbsent(x.run().model(), x);
    }
    return out;
  }

  private static int commonPrediction(StudyResults r, int image) {
    int[] votes = new int[10];
    for (RunResult x : r.runs()) {
      votes[x.predictions()[image]]++;
    }
    int best = 0;
    for (int c = 1; c < votes.length; c++) {
      if (votes[c] > votes[best]) {
        best = c;
      }
    }
    return best;
  }
}
