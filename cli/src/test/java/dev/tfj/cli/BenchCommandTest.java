package dev.tfj.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tfj.bundle.MetricsFile;
import dev.tfj.cli.bench.ExternalLoad;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tfj bench}, briefly: one row per phase in the documented columns, the ratios to the in-process rows,
 * and the same as JSON; with the HTTP load from wrk, from a child JVM, and from threads of its own process.
 */
class BenchCommandTest {

  private static final String COLUMNS =
      " +\\d+ images/s  p50 +\\d+\\.\\d{3} ms  p99 +\\d+\\.\\d{3} ms  cpu +(\\d+|NaN) us/image";

  @TempDir Path tmp;

  @Test
  void loadFromWrk() throws IOException {
    assumeTrue(ExternalLoad.findWrk().isPresent(), "wrk is not installed");
    measuresInProcessAndHttpPhasesOfTheModelsLatestVersion("wrk", "HTTP load from wrk (cpu: the server's process only)");
  }

  @Test
  void loadFromAChildJvm() throws IOException {
    measuresInProcessAndHttpPhasesOfTheModelsLatestVersion("jvm", "HTTP load from a child JVM (cpu: the server's process only)");
  }

  @Test
  void loadFromThisProcess() throws IOException {
    measuresInProcessAndHttpPhasesOfTheModelsLatestVersion(
        "in-process", "HTTP load from this process (in-process threads beside the server; cpu: both)");
  }

  @Test
  void anUnknownLoadIsAUsageError() {
    CliRun run = CliRun.of("bench", "--model-dir", TinyBundle.base().toString(), "--model", "mlp", "--load", "curl");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--load must be auto, wrk, jvm or in-process, got 'curl'");
  }

  private void measuresInProcessAndHttpPhasesOfTheModelsLatestVersion(String load, String loadLine) throws IOException {
    Path json = tmp.resolve("bench.json");

    CliRun run = CliRun.of("bench", "--model-dir", TinyBundle.base().toString(), "--model", "mlp", "--load", load,
        "--seconds", "0.2", "--connections", "2", "--images-per-request", "3", "--json", json.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    List<String> lines = run.out().lines().toList();
    assertThat(lines).hasSize(16);
    assertThat(lines.get(0)).startsWith("benchmarking " + TinyBundle.version() + ", 0 s per phase, 2 connections,"
        + " 3 image(s) per throughput request, ");
    assertThat(lines.get(1)).isEqualTo(loadLine);
    assertThat(lines.get(2)).matches("in-process session run, batch 1 +1 conn +1 img/req" + COLUMNS);
    assertThat(lines.get(3)).matches("in-process session runs, batch 6 +\\d+ conn +6 img/req" + COLUMNS);
    assertThat(lines.get(4)).matches("http 1 image, batching on +1 conn +1 img/req" + COLUMNS);
    assertThat(lines.get(5)).matches("http 1 image, batching off +1 conn +1 img/req" + COLUMNS);
    assertThat(lines.get(6)).matches("http throughput, batching on +2 conn +3 img/req" + COLUMNS);
    assertThat(lines.get(7)).matches("http throughput, batching off +2 conn +3 img/req" + COLUMNS);
    assertThat(lines.get(8)).matches("  http 1 image, batching on, p50 over the session's batch-1 p50 \\(ms\\): [+-]\\d+\\.\\d{3}");
    assertThat(lines.get(9)).matches("  http 1 image, batching off, p50 over the session's batch-1 p50 \\(ms\\): [+-]\\d+\\.\\d{3}");
    assertThat(lines.get(10)).matches("  http throughput, batching on, share of the in-process ceiling: \\d+%");
    assertThat(lines.get(11)).matches("  http throughput, batching off, share of the in-process ceiling: \\d+%");
    assertThat(lines.get(12)).matches("grpc 1 image, batching on +1 conn +1 img/req" + COLUMNS);
    assertThat(lines.get(13)).matches("grpc 1 image, batching off +1 conn +1 img/req" + COLUMNS);
    assertThat(lines.get(14)).matches("grpc throughput, batching on +2 conn +3 img/req" + COLUMNS);
    assertThat(lines.get(15)).matches("grpc throughput, batching off +2 conn +3 img/req" + COLUMNS);
    JsonNode written = MetricsFile.mapper().readTree(json.toFile());
    assertThat(written.get("model").asText()).isEqualTo(TinyBundle.version().toString());
    assertThat(written.get("load").asText()).isEqualTo(load);
    assertThat(written.get("results")).hasSize(10);
    assertThat(written.get("ratios")).hasSize(4);
    assertThat(written.get("ratios").get("http throughput, batching on, share of the in-process ceiling").asDouble())
        .isPositive();
  }
}
