package dev.tfj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SummaryCommandTest {

  @Test
  void printsLeNet5LayersAndTotalFromTheGraph() {
    CliRun run = CliRun.of("summary", "--model", "lenet5");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("conv1      (N, 28, 28, 6)                156")
        .contains("conv3      (N, 1, 1, 120)             48,120")
        .contains("Total trainable parameters            61,706");
  }

  @Test
  void printsTheMlpWithinOnePercent() {
    CliRun run = CliRun.of("summary", "-m", "mlp");

    assertThat(run.out()).contains("fc1        (N, 72)").contains("61,842");
  }
}
