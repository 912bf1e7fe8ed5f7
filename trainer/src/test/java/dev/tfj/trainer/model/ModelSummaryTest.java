package dev.tfj.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ModelSummaryTest {

  @Test
  void leNet5HasExactly61706ParametersInTheClassicLayers() {
    ModelSummary summary = ModelSummary.of(new LeNet5());

    assertThat(summary.totalParameters()).isEqualTo(61_706);
    assertThat(summary.layers())
        .extracting(LayerInfo::name, LayerInfo::parameters)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("conv1", 156L),
            org.assertj.core.groups.Tuple.tuple("pool1", 0L),
            org.assertj.core.groups.Tuple.tuple("conv2", 2_416L),
            org.assertj.core.groups.Tuple.tuple("pool2", 0L),
            org.assertj.core.groups.Tuple.tuple("conv3", 48_120L),
            org.assertj.core.groups.Tuple.tuple("flatten", 0L),
            org.assertj.core.groups.Tuple.tuple("fc1", 10_164L),
            org.assertj.core.groups.Tuple.tuple("fc2", 850L));
  }

  @Test
  void leNet5OutputShapesFollowTheClassicPaper() {
    ModelSummary summary = ModelSummary.of(new LeNet5());

    assertThat(summary.layers())
        .extracting(LayerInfo::outputShape)
        .containsExactly(
            List.of(-1L, 28L, 28L, 6L),
            List.of(-1L, 14L, 14L, 6L),
            List.of(-1L, 10L, 10L, 16L),
            List.of(-1L, 5L, 5L, 16L),
            List.of(-1L, 1L, 1L, 120L),
            List.of(-1L, 120L),
            List.of(-1L, 84L),
            List.of(-1L, 10L));
  }

  @Test
  void customMlpIsWithinOnePercentOfLeNet5() {
    long mlp = ModelSummary.of(new CustomMlp()).totalParameters();

    assertThat(mlp).isEqualTo(61_842);
    assertThat(Math.abs(mlp - 61_706) / 61_706.0).isLessThan(0.01);
  }

  @Test
  void regularizedLeNet5TradesConvBiasesForBatchNormScales() {
    ModelSummary summary = ModelSummary.of(new RegularizedLeNet5());

    // 61,706 - 142 conv biases + 2 × (6 + 16 + 120) gamma/beta.
    assertThat(summary.totalParameters()).isEqualTo(61_848);
    assertThat(summary.layers()).extracting(LayerInfo::name).contains("bn1", "bn2", "bn3");
  }
}
