package dev.tfj.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.tfj.bundle.MetricsFile;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingConfigTest {

  private static TrainingConfig config(int epochs, Augmentation augmentation, double smoothing, int warmup) {
    return new TrainingConfig(
        "lenet5", epochs, 64, OptimizerKind.SGD, 0.01, LearningRateSchedule.COSINE, 0.9, 0, 0, 42, Device.CPU, 0,
        augmentation, smoothing, warmup, Precision.AUTO);
  }

  @Test
  void theShortConstructorIsTheCourseRecipe() {
    TrainingConfig c =
        new TrainingConfig("lenet5", 10, 64, OptimizerKind.SGD, 0.01, LearningRateSchedule.COSINE, 0.9, 0, 0, 42,
            Device.CPU, 0);
    assertThat(c.augmentation()).isEqualTo(Augmentation.NONE);
    assertThat(c.labelSmoothing()).isZero();
    assertThat(c.warmupEpochs()).isZero();
  }

  @Test
  void withoutWarmUpTheRateIsTheSchedules() {
    TrainingConfig c = config(10, Augmentation.NONE, 0, 0);
    for (long step : new long[] {0, 1, 937, 4685, 9369}) {
      assertThat(c.learningRateAt(step, 9370, 937)).isEqualTo(LearningRateSchedule.COSINE.at(0.01, step, 9370));
    }
  }

  @Test
  void warmUpRisesLinearlyThenTheScheduleRunsOverTheRest() {
    // 10 steps an epoch, 10 epochs, 2 of warm-up: steps 0-19 rise to the base rate, cosine over steps 20-99.
    TrainingConfig c = config(10, Augmentation.NONE, 0, 2);
    assertThat(c.learningRateAt(0, 100, 10)).isCloseTo(0.0005, within(1e-12));
    assertThat(c.learningRateAt(9, 100, 10)).isCloseTo(0.005, within(1e-12));
    assertThat(c.learningRateAt(19, 100, 10)).isCloseTo(0.01, within(1e-12));
    assertThat(c.learningRateAt(20, 100, 10)).isCloseTo(0.01, within(1e-12));
    assertThat(c.learningRateAt(60, 100, 10)).isCloseTo(0.005, within(1e-12));
    assertThat(c.learningRateAt(99, 100, 10)).isCloseTo(0.01 * 0.5 * (1 + Math.cos(Math.PI * 79 / 80)), within(1e-12));
  }

  @Test
  void warmUpBeforeAConstantRateEndsAtTheBaseRate() {
    assertThat(LearningRateSchedule.CONSTANT.at(0.1, 4, 100, 10)).isCloseTo(0.05, within(1e-12));
    assertThat(LearningRateSchedule.CONSTANT.at(0.1, 50, 100, 10)).isEqualTo(0.1);
  }

  @Test
  void rejectsLabelSmoothingOutsideZeroToOne() {
    assertThatThrownBy(() -> config(10, Augmentation.NONE, 1, 0))
        .isInstanceOfSatisfying(
            InvalidTrainingConfigException.class,
            e -> assertThat(e.setting()).isEqualTo(TrainingSetting.LABEL_SMOOTHING))
        .hasMessage("label smoothing must be in [0, 1), got 1.0");
    assertThatThrownBy(() -> config(10, Augmentation.NONE, -0.1, 0))
        .hasMessage("label smoothing must be in [0, 1), got -0.1");
  }

  @Test
  void rejectsAWarmUpAsLongAsTheRun() {
    assertThatThrownBy(() -> config(5, Augmentation.NONE, 0, 5))
        .isInstanceOfSatisfying(
            InvalidTrainingConfigException.class,
            e -> assertThat(e.setting()).isEqualTo(TrainingSetting.WARMUP_EPOCHS))
        .hasMessage("warm-up epochs must be fewer than the epochs (5), got 5");
    assertThatThrownBy(() -> config(5, Augmentation.NONE, 0, -1))
        .hasMessage("warm-up epochs must not be negative, got -1");
  }

  @Test
  void differingNamesTheNewSettings() {
    TrainingConfig plain = config(10, Augmentation.NONE, 0, 0);
    TrainingConfig tuned = config(10, new Augmentation(2, 0, 0.1), 0.1, 1);
    assertThat(TrainingSetting.differing(plain, tuned))
        .containsExactly(
            TrainingSetting.AUGMENT_SHIFT, TrainingSetting.AUGMENT_SCALE, TrainingSetting.LABEL_SMOOTHING,
            TrainingSetting.WARMUP_EPOCHS);
  }

  @Test
  void checkpointStateKeepsTheNewSettings() throws Exception {
    TrainingConfig tuned = config(10, Augmentation.DEFAULT, 0.1, 2);
    CheckpointState state = new CheckpointState(tuned, "0".repeat(64), 1, List.of(), 1.0, "ckpt-1");
    String json = MetricsFile.mapper().writeValueAsString(state);

    assertThat(MetricsFile.mapper().readValue(json, CheckpointState.class)).isEqualTo(state);
  }

  @Test
  void checkpointStateWithoutTheNewSettingsReadsAsTheCourseRecipe() throws Exception {
    // state.json as written before augmentation, label smoothing and warm-up existed.
    String old = """
        {"config":{"model":"mlp","epochs":3,"batchSize":128,"optimizer":"SGD","learningRate":0.01,
          "schedule":"COSINE","momentum":0.9,"weightDecay":0.0,"dropout":0.0,"seed":42,"device":"CPU","threads":0},
         "datasetSha256":"00","epochsDone":1,"epochs":[],"trainSeconds":1.0,"checkpointPrefix":"ckpt-1"}
        """;
    TrainingConfig c = MetricsFile.mapper().readValue(old, CheckpointState.class).config();

    assertThat(c)
        .isEqualTo(new TrainingConfig("mlp", 3, 128, OptimizerKind.SGD, 0.01, LearningRateSchedule.COSINE, 0.9, 0,
            0, 42, Device.CPU, 0));
  }
}
