package dev.tfj.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HyperparametersTest {

  @Test
  void roundTripsTheTrainingOptions() throws Exception {
    Hyperparameters h = new Hyperparameters(30, 64, "sgd", 0.01, "cosine", 0.9, 0, 0, 1, 2, 10, 0.1, 0.1, 2);

    String json = MetricsFile.mapper().writeValueAsString(h);

    assertThat(json).contains("\"augmentShiftPixels\" : 2.0", "\"labelSmoothing\" : 0.1", "\"warmupEpochs\" : 2");
    assertThat(MetricsFile.mapper().readValue(json, Hyperparameters.class)).isEqualTo(h);
    assertThat(h.augmented()).isTrue();
  }

  @Test
  void readsMetricsWrittenBeforeTheTrainingOptionsAsNone() throws Exception {
    String old = """
        {"epochs":10,"batchSize":64,"optimizer":"sgd","learningRate":0.01,"learningRateSchedule":"cosine",
         "momentum":0.9,"weightDecay":0.0,"dropout":0.0,"seed":42}
        """;

    Hyperparameters h = MetricsFile.mapper().readValue(old, Hyperparameters.class);

    assertThat(h).isEqualTo(new Hyperparameters(10, 64, "sgd", 0.01, "cosine", 0.9, 0, 0, 42));
    assertThat(h.augmented()).isFalse();
    assertThat(h.labelSmoothing()).isZero();
    assertThat(h.warmupEpochs()).isZero();
  }
}
