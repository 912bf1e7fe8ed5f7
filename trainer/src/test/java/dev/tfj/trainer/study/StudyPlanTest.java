package dev.tfj.trainer.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tfj.bundle.DatasetInfo;
import dev.tfj.trainer.train.Device;
import dev.tfj.trainer.train.LearningRateSchedule;
import dev.tfj.trainer.train.OptimizerKind;
import dev.tfj.trainer.train.TrainingConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudyPlanTest {

  static RunSettings settings(int epochs) {
    return (arch, seed, reg) ->
        new TrainingConfig(
            arch.name(), epochs, 128, OptimizerKind.ADAM, 0.001, LearningRateSchedule.COSINE, 0, reg.weightDecay(),
            reg.dropout(), seed, Device.CPU, 0);
  }

  @Test
  void ablationReusesTheModelRunsItShares() {
    StudyPlan plan = StudyPlan.of(List.of("lenet5", "mlp", "lenet5-reg"), List.of(1L, 2L), true, settings(1));

    assertThat(plan.runs().stream().map(StudyRun::name))
        .containsExactly(
            "lenet5-s1", "lenet5-s2", "mlp-s1", "mlp-s2", "lenet5-reg-s1", "lenet5-reg-s2",
            "lenet5-dropout-s1", "lenet5-dropout-s2", "lenet5-batchnorm-s1", "lenet5-batchnorm-s2",
            "lenet5-l2-s1", "lenet5-l2-s2");
    assertThat(plan.ablationArms().stream().map(g -> g.label() + "=" + g.runs()))
        .containsExactly(
            "none=[lenet5-s1, lenet5-s2]",
            "dropout only=[lenet5-dropout-s1, lenet5-dropout-s2]",
            "batch norm only=[lenet5-batchnorm-s1, lenet5-batchnorm-s2]",
            "L2 only=[lenet5-l2-s1, lenet5-l2-s2]",
            "all three=[lenet5-reg-s1, lenet5-reg-s2]");
    StudyRun dropout = plan.run("lenet5-dropout-s2");
    assertThat(dropout.config().model()).isEqualTo("lenet5");
    assertThat(dropout.config().dropout()).isEqualTo(0.2);
    assertThat(dropout.config().weightDecay()).isZero();
    StudyRun bn = plan.run("lenet5-batchnorm-s1");
    assertThat(bn.config().model()).isEqualTo("lenet5-reg");
    assertThat(bn.config().dropout()).isZero();
    assertThat(bn.config().weightDecay()).isZero();
  }

  @Test
  void ablationAloneNamesItsOwnRuns() {
    StudyPlan plan = StudyPlan.of(List.of(), List.of(7L), true, settings(1));

    assertThat(plan.runs().stream().map(StudyRun::name))
        .containsExactly("lenet5-s7", "lenet5-dropout-s7", "lenet5-batchnorm-s7", "lenet5-l2-s7", "lenet5-reg-s7");
    assertThat(plan.comparison()).isEmpty();
  }

  @Test
  void refusesRepeatedSeedsAndSettingsThatIgnoreTheRun() {
    assertThatThrownBy(() -> StudyPlan.of(List.of("mlp"), List.of(1L, 1L), false, settings(1)))
        .hasMessage("a study needs distinct seeds, got [1, 1]");
    RunSettings ignoresSeed = (arch, seed, reg) -> settings(1).config(arch, 42, reg);
    assertThatThrownBy(() -> StudyPlan.of(List.of("mlp"), List.of(1L), false, ignoresSeed))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("run settings for mlp seed 1");
  }

  @Test
  void studyFileRoundTripsAndNamesWhatDiffers(@TempDir Path dir) throws Exception {
    StudyPlan plan = StudyPlan.of(List.of("mlp"), List.of(1L, 2L), false, settings(1));
    DatasetInfo data = new DatasetInfo("mnist", 60_000, 10_000, "abc", Map.of());
    StudyManifest.claim(dir, plan, data);

    assertThat(StudyManifest.read(dir).plan()).isEqualTo(plan);
    StudyManifest.claim(dir, plan, data); // the same study again: accepted

    StudyPlan moreEpochs = StudyPlan.of(List.of("mlp"), List.of(1L, 2L), false, settings(2));
    assertThatThrownBy(() -> StudyManifest.claim(dir, moreEpochs, data))
        .isInstanceOfSatisfying(
            StudyPlanMismatchException.class,
            e -> assertThat(e.differences())
                .containsExactly("mlp-s1 epochs: 1 there, 2 now", "mlp-s2 epochs: 1 there, 2 now"));
    StudyPlan moreSeeds = StudyPlan.of(List.of("mlp", "lenet5"), List.of(1L, 2L, 3L), true, settings(1));
    assertThatThrownBy(() -> StudyManifest.claim(dir, moreSeeds, new DatasetInfo("other", 1, 1, "def", Map.of())))
        .isInstanceOfSatisfying(
            StudyPlanMismatchException.class,
            e -> assertThat(e.differences())
                .containsExactly(
                    "models: [mlp] there, [mlp, lenet5] now",
                    "seeds: [1, 2] there, [1, 2, 3] now",
                    "ablation: false there, true now",
                    "data: mnist (SHA-256 abc) there, other (SHA-256 def) now"));
    assertThat(Files.readString(dir.resolve(StudyManifest.FILE))).contains("\"seeds\" : [ 1, 2 ]");
  }

  @Test
  void spreadIsTheSampleStandardDeviation() {
    Spread s = Spread.of(0.9928, 0.9921, 0.9912);

    assertThat(s.mean()).isCloseTo(0.99203333, org.assertj.core.data.Offset.offset(1e-8));
    assertThat(s.std()).isCloseTo(0.00080208, org.assertj.core.data.Offset.offset(1e-8));
    assertThat(s.min()).isEqualTo(0.9912);
    assertThat(s.max()).isEqualTo(0.9928);
    assertThat(s.overlaps(Spread.of(0.9925, 0.9919, 0.9930))).isTrue();
    assertThat(s.overlaps(Spread.of(0.9764, 0.9776, 0.9773))).isFalse();
    assertThat(Spread.of(0.5).measured()).isFalse();
  }
}
