package dev.tfj.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tfj.bundle.DatasetInfo;
import dev.tfj.trainer.data.Dataset;
import dev.tfj.trainer.data.DatasetException;
import dev.tfj.trainer.data.ImageSet;
import dev.tfj.trainer.train.Device;
import dev.tfj.trainer.train.LearningRateSchedule;
import dev.tfj.trainer.train.OptimizerKind;
import dev.tfj.trainer.train.TrainingConfig;
import dev.tfj.trainer.train.TrainingListener;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainJobTest {

  @TempDir Path tmp;

  @Test
  void refusesImagesThatAreNot28By28AsBadDataBeforeTraining() {
    ImageSet big = new ImageSet(2, 32, 32, new byte[2 * 32 * 32], new byte[2]);
    Dataset data = new Dataset("cifar-grey", big, big, new DatasetInfo("cifar-grey", 2, 2, "0", Map.of()));
    TrainingConfig config = new TrainingConfig(
        "mlp", 1, 2, OptimizerKind.SGD, 0.01, LearningRateSchedule.CONSTANT, 0.9, 0, 0, 1, Device.CPU, 0);

    assertThatThrownBy(() -> TrainJob.run(
            new TrainRequest(config, tmp.resolve("models"), "mlp", 0, tmp.resolve("ckpt"), false),
            data, TrainingListener.NONE))
        .isInstanceOf(DatasetException.class)
        .hasMessage("cifar-grey: images are 32×32, tfj models take 28×28");
    assertThat(tmp.resolve("models")).doesNotExist();
  }
}
