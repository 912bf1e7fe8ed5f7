package dev.tfj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tfj.bundle.MetricsFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tfj bench}, briefly: one row per phase in the documented columns, and the same rows as JSON. */
class BenchCommandTest {

  private static final String COLUMNS =
      " +\\d+ images/s  p50 +\\d+\\.\\d{3} ms  p99 +\\d+\\.\\d{3} ms  cpu +(\\d+|NaN) us/image";

  @TempDir Path tmp;

  @Test
  void measuresInProcessAndHttpPhasesOfTheModelsLatestVersion() throws IOException {
    Path json = tmp.resolve("bench.json");

    CliRun run = CliRun.of("bench", "--model-dir", TinyBundle.base().toString(), "--model", "mlp",
        "--seconds", "0.2", "--connections", "2", "--images-per-request", "3", "--json", json.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    List<String> lines = run.out().lines().toList();
    assertThat(lines).hasSize(11);
    assertThat(lines.get(0)).startsWith("benchmarking " + TinyBundle.version() + ", 0 s per phase, 2 connections,"
        + " 3 image(s) per throughput request, ");
    assertThat(lines.get(1)).matches("in-process session run, batch 1 +1 conn +1 img/req" + COLUMNS);
    assertThat(lines.get(2)).matches("in-process session runs, batch 6 +\\d+ conn +6 img/req" + COLUMNS);
    assertThat(lines.get(3)).matches("http 1 image, batching on +1 conn +1 img/req" + COLUMNS);
    assertThat(lines.get(4)).matches("http 1 image, batching off +1 conn +1 img/req" + COLUMNS);
    assertThat(lines.get(5)).matches("http throughput, batching on +2 conn +3 img/req" + COLUMNS);
    assertThat(lines.get(6)).matches("http throughput, batching off +2 conn +3 img/req" + COLUMNS);
    assertThat(lines.get(7)).matches("grpc 1 image, batching on +1 conn +1 img/req" + COLUMNS);
    assertThat(lines.get(8)).matches("grpc 1 image, batching off +1 conn +1 img/req" + COLUMNS);
    assertThat(lines.get(9)).matches("grpc throughput, batching on +2 conn +3 img/req" + COLUMNS);
    assertThat(lines.get(10)).matches("grpc throughput, batching off +2 conn +3 img/req" + COLUMNS);
    JsonNode written = MetricsFile.mapper().readTree(json.toFile());
    assertThat(written.get("model").asText()).isEqualTo(TinyBundle.version().toString());
    assertThat(written.get("results")).hasSize(10);
  }
}
