package dev.tfj.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tfj.bundle.EpochMetrics;
import dev.tfj.trainer.data.Dataset;
import dev.tfj.trainer.data.DatasetLoader;
import dev.tfj.trainer.train.Checkpoints;
import dev.tfj.trainer.train.Device;
import dev.tfj.trainer.train.LearningRateSchedule;
import dev.tfj.trainer.train.OptimizerKind;
import dev.tfj.trainer.train.ResumeMismatchException;
import dev.tfj.trainer.train.TrainingConfig;
import dev.tfj.trainer.train.TrainingSetting;
import dev.tfj.trainer.train.TrainingListener;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An interrupted run resumed from its checkpoint ends where an uninterrupted one does. */
class ResumeIT {

  private static Dataset mnist;

  @BeforeAll
  static void loadMnist() {
    mnist = DatasetLoader.load(Path.of(System.getProperty("tfj.test.mnist")));
  }

  @Test
  void resumedRunMatchesAnUninterruptedOne(@TempDir Path tmp) throws Exception {
    TrainingConfig config =
        new TrainingConfig("mlp", 2, 128, OptimizerKind.ADAM, 0.001, LearningRateSchedule.COSINE, 0, 0, 0.1, 7, Device.CPU, 1);

    TrainResult straight =
        TrainJob.run(
            new TrainRequest(config, tmp.resolve("a"), "mlp", 0, tmp.resolve("ckpt-a"), false),
            mnist,
            TrainingListener.NONE);

    Path ckpt = tmp.resolve("ckpt-b");
    EpochMetrics[] interrupted = new EpochMetrics[1];
    TrainingListener crashAfterFirstEpoch =
        new TrainingListener() {
          @Override
          public void epochFinished(EpochMetrics metrics) {
            interrupted[0] = metrics;
            throw new IllegalStateException("killed after epoch " + metrics.epoch());
          }
        };
    var recorder =
        new TrainingListener() {
          final java.util.List<Integer> started = new java.util.ArrayList<>();

          @Override
          public void epochStarted(int epoch, int epochs, int images) {
            started.add(epoch);
          }
        };
    assertThatThrownBy(
            () ->
                TrainJob.run(
                    new TrainRequest(config, tmp.resolve("b"), "mlp", 0, ckpt, false), mnist, crashAfterFirstEpoch))
        .hasMessage("killed after epoch 1");
    assertThat(new Checkpoints(ckpt).latest().orElseThrow().epochsDone()).isEqualTo(1);
    assertThat(tmp.resolve("b/mlp")).doesNotExist();

    TrainResult resumed =
        TrainJob.run(
            new TrainRequest(config, tmp.resolve("b"), "mlp", 0, ckpt, true), mnist, recorder);

    // Epoch 1 comes from the checkpoint as it was recorded; only epoch 2 is trained again.
    assertThat(recorder.started).containsExactly(2);
    assertThat(resumed.metrics().epochs()).hasSize(2);
    assertThat(resumed.metrics().epochs().get(0)).isEqualTo(interrupted[0]);
    assertThat(resumed.metrics().epochs().get(1).epoch()).isEqualTo(2);
    // TensorFlow's CPU kernels are not bit-reproducible, so the two runs agree closely, not exactly.
    assertThat(resumed.metrics().finalTestAccuracy())
        .isCloseTo(straight.metrics().finalTestAccuracy(), org.assertj.core.data.Offset.offset(0.01));
    assertThat(resumed.metrics().finalTestAccuracy()).isGreaterThan(interrupted[0].testAccuracy());
    assertThat(ckpt).doesNotExist();
  }

  @Test
  void refusesToResumeWithDifferentSettings(@TempDir Path tmp) throws Exception {
    TrainingConfig config =
        new TrainingConfig("mlp", 2, 128, OptimizerKind.ADAM, 0.001, LearningRateSchedule.COSINE, 0, 0, 0, 7, Device.CPU, 1);
    Path ckpt = tmp.resolve("ckpt");
    TrainingListener stop =
        new TrainingListener() {
          @Override
          public void epochFinished(EpochMetrics metrics) {
            throw new IllegalStateException("stop");
          }
        };
    assertThatThrownBy(
            () -> TrainJob.run(new TrainRequest(config, tmp.resolve("m"), "mlp", 0, ckpt, false), mnist, stop))
        .hasMessage("stop");

    TrainingConfig other =
        new TrainingConfig("mlp", 2, 64, OptimizerKind.ADAM, 0.001, LearningRateSchedule.COSINE, 0, 0, 0, 7, Device.CPU, 1);
    assertThatThrownBy(
            () ->
                TrainJob.run(
                    new TrainRequest(other, tmp.resolve("m"), "mlp", 0, ckpt, true), mnist, TrainingListener.NONE))
        .isInstanceOfSatisfying(
            ResumeMismatchException.class,
            e -> assertThat(e.differences())
                .containsExactly(new ResumeMismatchException.Difference(TrainingSetting.BATCH_SIZE, 128, 64)))
        .hasMessage("the checkpoint in " + ckpt + " was made with other settings: batch size 128 (now 64)");
  }
}
