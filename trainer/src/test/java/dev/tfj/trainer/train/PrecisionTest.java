package dev.tfj.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tfj.trainer.model.Architecture;
import dev.tfj.trainer.model.Architectures;
import org.junit.jupiter.api.Test;

class PrecisionTest {

  private static final String ZEN4 =
      "processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC\n"
          + "flags\t\t: fpu vme sse2 avx2 fma avx512f avx512bw avx512_bf16 avx512_vnni clzero\nbugs\t\t: sysret_ss_attrs\n";
  private static final String ZEN3 =
      "processor\t: 0\nmodel name\t: AMD EPYC 7B13\nflags\t\t: fpu sse2 avx avx2 fma bmi2 vaes\n";
  private static final String SAPPHIRE_RAPIDS = "flags\t: avx512f amx_bf16 amx_tile amx_int8\n";

  @Test
  void bfloat16IsNativeWhereTheCpuFlagsSaySo() {
    assertThat(Precision.nativeBfloat16(ZEN4)).isTrue();
    assertThat(Precision.nativeBfloat16(SAPPHIRE_RAPIDS)).isTrue();
    assertThat(Precision.nativeBfloat16(ZEN3)).isFalse();
    assertThat(Precision.nativeBfloat16("")).isFalse();
    // A flag's name inside another's is not the flag.
    assertThat(Precision.nativeBfloat16("flags\t: avx512_bf16x\n")).isFalse();
  }

  @Test
  void autoIsFloat32OnAGpuAndForTheModelsItSlowsAndAChoiceIsKept() {
    Architecture lenet = Architectures.require("lenet5");
    Architecture mlp = Architectures.require("mlp");
    assertThat(Precision.AUTO.on(Device.GPU, lenet)).isEqualTo(Precision.FLOAT32);
    assertThat(Precision.AUTO.on(Device.CPU, mlp)).isEqualTo(Precision.FLOAT32);
    assertThat(Precision.AUTO.on(Device.CPU, Architectures.require("lenet5-reg"))).isEqualTo(Precision.FLOAT32);
    assertThat(Precision.AUTO.on(Device.CPU, lenet)).isIn(Precision.FLOAT32, Precision.MIXED_BFLOAT16);
    assertThat(Precision.FLOAT32.on(Device.CPU, lenet)).isEqualTo(Precision.FLOAT32);
    assertThat(Precision.MIXED_BFLOAT16.on(Device.CPU, mlp)).isEqualTo(Precision.MIXED_BFLOAT16);
  }

  @Test
  void mixedBfloat16OnAGpuIsRejectedNamingThePrecision() {
    assertThatThrownBy(
            () -> new TrainingConfig(
                "lenet5", 1, 64, OptimizerKind.SGD, 0.01, LearningRateSchedule.COSINE, 0.9, 0, 0, 42, Device.GPU, 0,
                Augmentation.NONE, 0, 0, Precision.MIXED_BFLOAT16))
        .isInstanceOfSatisfying(
            InvalidTrainingConfigException.class,
            e -> assertThat(e.setting()).isEqualTo(TrainingSetting.PRECISION))
        .hasMessageContaining("precision")
        .hasMessageContaining("float32 or auto on a gpu");
  }

  @Test
  void olderStateFilesWithoutAPrecisionReadAsAuto() {
    TrainingConfig c =
        new TrainingConfig(
            "lenet5", 1, 64, OptimizerKind.SGD, 0.01, LearningRateSchedule.COSINE, 0.9, 0, 0, 42, Device.CPU, 0,
            Augmentation.NONE, 0, 0, null);
    assertThat(c.precision()).isEqualTo(Precision.AUTO);
    assertThat(c.withEpochs(3).precision()).isEqualTo(Precision.AUTO);
  }
}
