package dev.tfj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tfj.bundle.LayerParameters;
import dev.tfj.bundle.MetricsFile;
import dev.tfj.bundle.TrainingMetrics;
import dev.tfj.trainer.TrainJob;
import dev.tfj.trainer.TrainRequest;
import dev.tfj.trainer.data.Dataset;
import dev.tfj.trainer.data.DatasetLoader;
import dev.tfj.trainer.train.Device;
import dev.tfj.trainer.train.LearningRateSchedule;
import dev.tfj.trainer.train.OptimizerKind;
import dev.tfj.trainer.train.TrainingConfig;
import dev.tfj.trainer.train.TrainingListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tfj report} over two small bundles trained on real MNIST: a page that stands alone and tells the truth. */
class ReportCommandIT {

  @TempDir static Path tmp;
  static Path out;
  static CliRun run;
  static TrainingMetrics adam;
  static TrainingMetrics sgd;

  @BeforeAll
  static void trainTwoBundlesAndReport() throws IOException {
    Path mnist = Path.of(System.getProperty("tfj.test.mnist"));
    Dataset data = DatasetLoader.load(mnist);
    Path models = tmp.resolve("saved-models");
    adam = train(data, models, "mlp-adam", OptimizerKind.ADAM, 0.001);
    sgd = train(data, models, "mlp-sgd", OptimizerKind.SGD, 0.01);
    out = tmp.resolve("report");
    run =
        CliRun.of(
            "report", models.resolve("mlp-adam").toString(), models.resolve("mlp-sgd/1").toString(),
            "--out", out.toString(), "--data-dir", mnist.toString(), "--digits", "20");
  }

  @Test
  void reportsEachBundleRerunAccuracyAndWhatItWrote() {
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("mlp-adam/1: test accuracy " + percent(adam.finalTestAccuracy()) + " re-run, "
            + percent(adam.finalTestAccuracy()) + " in metrics.json")
        .contains("mlp-sgd/1: test accuracy " + percent(sgd.finalTestAccuracy()) + " re-run")
        .contains("wrote " + out.resolve("index.html") + " and " + out.resolve("report.md") + " (+ 7 images)");
  }

  @Test
  void pageReferencesOnlyFilesItWroteAndEveryImageItWrote() throws IOException {
    Document page = Jsoup.parse(out.resolve("index.html").toFile(), "UTF-8");

    Set<String> refs = new TreeSet<>();
    for (Element e : page.select("[src], [href]")) {
      refs.add(e.hasAttr("src") ? e.attr("src") : e.attr("href"));
    }
    assertThat(refs).allSatisfy(ref -> {
      assertThat(ref).doesNotContain(":", "/", "\\");
      assertThat(out.resolve(ref)).isRegularFile();
    });
    assertThat(page.select("script, link, iframe, object")).isEmpty();
    assertThat(refs).isEqualTo(filesIn(out, ".png"));
    assertThat(filesIn(out, "")).containsExactlyInAnyOrderElementsOf(
        Stream.concat(refs.stream(), Stream.of("index.html", "report.md")).toList());
  }

  @Test
  void comparisonTableHoldsTheNumbersOfEachMetricsJson() {
    Document page = parse();
    Element table = page.getElementById("comparison");
    assertThat(table).isNotNull();

    for (var entry : List.of(List.of("mlp-adam/1", adam), List.of("mlp-sgd/1", sgd))) {
      String label = (String) entry.get(0);
      TrainingMetrics m = (TrainingMetrics) entry.get(1);
      List<String> cells = row(table, label);
      var last = m.epochs().get(m.epochs().size() - 1);
      assertThat(cells)
          .containsSubsequence(
              label,
              "mlp",
              String.format(Locale.ROOT, "%,d", m.totalParameters()),
              percent(m.finalTestAccuracy()),
              percent(m.bestTestAccuracy()) + " (" + m.bestEpoch() + ")",
              percent(m.finalTestAccuracy()),
              percent(last.trainAccuracy()),
              String.format(Locale.ROOT, "%.4f", last.trainLoss()),
              String.format(Locale.ROOT, "%.4f", last.testLoss()),
              "1");
    }
    assertThat(row(page.getElementById("hyperparameters"), "mlp-sgd/1"))
        .containsSubsequence("sgd (momentum 0.9)", "cosine", "0.01", "0", "0", "256", "none", "0", "0", "42");
  }

  @Test
  void layerTablesListEveryLayerWithItsParameters() {
    Document page = parse();
    Element layers = page.getElementById("layers-mlp-adam-v1");
    assertThat(layers).isNotNull();

    for (LayerParameters layer : adam.layers()) {
      assertThat(row(layers, layer.name())).last().isEqualTo(String.format(Locale.ROOT, "%,d", layer.parameters()));
    }
    assertThat(row(layers, "total")).last().isEqualTo(String.format(Locale.ROOT, "%,d", adam.totalParameters()));
  }

  @Test
  void markdownTwinNamesBothModelsAndTheSameImages() throws IOException {
    String md = Files.readString(out.resolve("report.md"));

    assertThat(md).contains("## mlp-adam/1 (mlp)", "## mlp-sgd/1 (mlp)");
    assertThat(md).contains("| mlp-sgd/1 | mlp | 61,842 | " + percent(sgd.finalTestAccuracy()) + " |");
    Matcher images = Pattern.compile("!\\[[^]]*]\\(([^)]+)\\)").matcher(md);
    Set<String> refs = new TreeSet<>();
    while (images.find()) {
      refs.add(images.group(1));
    }
    assertThat(refs).isEqualTo(filesIn(out, ".png"));
  }

  private static TrainingMetrics train(
      Dataset data, Path models, String name, OptimizerKind optimizer, double lr) throws IOException {
    var config =
        new TrainingConfig("mlp", 1, 256, optimizer, lr, LearningRateSchedule.COSINE, optimizer.defaultMomentum(),
            0, 0, 42, Device.CPU, 0);
    var request = new TrainRequest(config, models, name, 0, tmp.resolve("ckpt-" + name), false);
    TrainJob.run(request, data, TrainingListener.NONE);
    return MetricsFile.read(models.resolve(name).resolve("1")).orElseThrow();
  }

  private static Document parse() {
    try {
      return Jsoup.parse(out.resolve("index.html").toFile(), "UTF-8");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The cells of the row whose first cell is {@code first}. */
  private static List<String> row(Element table, String first) {
    for (Element tr : table.select("tbody tr")) {
      List<String> cells = tr.select("td").eachText();
      if (!cells.isEmpty() && cells.get(0).equals(first)) {
        return cells;
      }
    }
    throw new AssertionError("no row '" + first + "' in table " + table.id());
  }

  private static Set<String> filesIn(Path dir, String suffix) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(suffix))
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  private static String percent(double fraction) {
    return String.format(Locale.ROOT, "%.2f%%", 100 * fraction);
  }
}
