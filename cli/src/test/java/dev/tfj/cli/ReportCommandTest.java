package dev.tfj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input to {@code tfj report}: one clear line, a non-zero exit code, no stack trace and no report. */
class ReportCommandTest {

  @TempDir Path tmp;

  @Test
  void rejectsAMissingBundleDirectory() {
    Path missing = tmp.resolve("saved-models/nope");

    CliRun run = report(missing.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.SOFTWARE);
    assertThat(run.err()).isEqualTo("tfj report: bundle " + missing + " does not exist\n");
    assertThat(tmp.resolve("out")).doesNotExist();
  }

  @Test
  void rejectsAModelDirectoryWithoutVersions() throws IOException {
    Path model = Files.createDirectories(tmp.resolve("saved-models/empty"));

    CliRun run = report(model.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.SOFTWARE);
    assertThat(run.err().lines()).hasSize(1);
    assertThat(run.err()).contains("has no saved_model.pb and no version directories");
  }

  @Test
  void rejectsAVersionDirectoryWithoutSavedModel() throws IOException {
    Path version = Files.createDirectories(tmp.resolve("saved-models/half/3"));
    Files.writeString(version.resolve("metrics.json"), "{}");

    CliRun run = report(version.getParent().toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.SOFTWARE);
    assertThat(run.err()).isEqualTo("tfj report: bundle " + version + " has no saved_model.pb\n");
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
}
