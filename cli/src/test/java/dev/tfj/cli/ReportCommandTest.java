package dev.tfj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tfj.bundle.MetricsFile;
import dev.tfj.cli.report.Tables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tfj report} on the bundle layouts {@code serve} and {@code predict} accept, and bad input: one clear line, a
 * non-zero exit code, no stack trace and no report.
 */
class ReportCommandTest {

  @TempDir Path tmp;

  @Test
  void reportsOnAModelWhoseVersionDirectoryIsZeroPadded() throws IOException {
    Path model = tmp.resolve("saved-models/mlp");
    copyTree(TinyBundle.version(), model.resolve("00000001"));
    double recorded = MetricsFile.read(TinyBundle.version()).orElseThrow().finalTestAccuracy();
    Path out = tmp.resolve("out");

    CliRun run = CliRun.of(
        "report", model.toString(), "--out", out.toString(), "--data-dir", TinyBundle.mnist().toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo(String.format(Locale.ROOT,
        "mlp/1: test accuracy %s re-run, %s in metrics.json (%,d misclassified)%n"
            + "wrote %s and %s (+ 4 images)%n",
        Tables.percent(recorded), Tables.percent(recorded), 10_000 - Math.round(recorded * 10_000),
        out.resolve("index.html"), out.resolve("report.md")));
    try (Stream<Path> written = Files.list(out)) {
      assertThat(written.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
          "index.html", "report.md", "loss.png", "accuracy.png", "confusion-mlp-v1.png", "errors-mlp-v1.png");
    }
  }

  @Test
  void rejectsAMissingBundleDirectory() {
    Path missing = tmp.resolve("saved-models/nope");

    CliRun run = report(missing.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.SOFTWARE);
    assertThat(run.err()).isEqualTo("tfj report: " + missing + " does not exist\n");
    assertThat(tmp.resolve("out")).doesNotExist();
  }

  @Test
  void rejectsAModelDirectoryWithoutVersions() throws IOException {
    Path model = Files.createDirectories(tmp.resolve("saved-models/empty"));

    CliRun run = report(model.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.SOFTWARE);
    assertThat(run.err()).isEqualTo("tfj report: " + model + " is not a SavedModel: no saved_model.pb and no numbered"
        + " version directories in it\n");
  }

  @Test
  void rejectsAVersionDirectoryWithoutSavedModel() throws IOException {
    Path version = Files.createDirectories(tmp.resolve("saved-models/half/3"));
    Files.writeString(version.resolve("metrics.json"), "{}");

    CliRun run = report(version.getParent().toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.SOFTWARE);
    assertThat(run.err()).isEqualTo("tfj report: " + version.getParent() + " is not a SavedModel: its version"
        + " directories hold no saved_model.pb\n");
  }

  @Test
  void rejectsABundleWithoutMetrics() throws IOException {
    Path version = Files.createDirectories(tmp.resolve("saved-models/foreign/1"));
    Files.write(version.resolve("saved_model.pb"), new byte[] {0});

    CliRun run = report(version.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.SOFTWARE);
    assertThat(run.err())
        .isEqualTo("tfj report: bundle " + version + " has no metrics.json to report on (tfj train writes one)\n");
    assertThat(tmp.resolve("out")).doesNotExist();
  }

  @Test
  void rejectsUnreadableMetricsNamingTheFile() throws IOException {
    Path version = Files.createDirectories(tmp.resolve("saved-models/broken/2"));
    Files.write(version.resolve("saved_model.pb"), new byte[] {0});
    Files.writeString(version.resolve("metrics.json"), "{\"model\": ");

    CliRun run = report(version.getParent().toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.SOFTWARE);
    assertThat(run.err().lines()).hasSize(1);
    assertThat(run.err()).startsWith("tfj report: cannot read " + version.resolve("metrics.json") + ": ");
  }

  @Test
  void requiresAtLeastOneBundle() {
    CliRun run = CliRun.of("report");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("Missing required parameter").contains("--help");
  }

  private CliRun report(String... bundles) {
    String[] args = new String[bundles.length + 3];
    args[0] = "report";
    System.arraycopy(bundles, 0, args, 1, bundles.length);
    args[bundles.length + 1] = "--out";
    args[bundles.length + 2] = tmp.resolve("out").toString();
    return CliRun.of(args);
  }

  private static void copyTree(Path from, Path to) throws IOException {
    Files.createDirectories(to.getParent());
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path p : paths.toList()) {
        Files.copy(p, to.resolve(from.relativize(p).toString()));
      }
    }
  }
}
