package dev.tfj.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tfj.bundle.DatasetInfo;
import dev.tfj.bundle.Hyperparameters;
import dev.tfj.bundle.MetricsFile;
import dev.tfj.bundle.ServingSignature;
import dev.tfj.trainer.data.Dataset;
import dev.tfj.trainer.data.DatasetException;
import dev.tfj.trainer.data.ImageSet;
import dev.tfj.trainer.train.Augmentation;
import dev.tfj.trainer.train.Device;
import dev.tfj.trainer.train.LearningRateSchedule;
import dev.tfj.trainer.train.OptimizerKind;
import dev.tfj.trainer.train.Precision;
import dev.tfj.trainer.train.TrainingConfig;
import dev.tfj.trainer.train.TrainingListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.SavedModelBundle;

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

  @Test
  void anAugmentedRunExportsAGraphWithoutAugmentationAndRecordsTheOptions() throws Exception {
    Dataset data = blobs(128);
    TrainingConfig config = new TrainingConfig(
        "mlp", 2, 64, OptimizerKind.SGD, 0.01, LearningRateSchedule.COSINE, 0.9, 0, 0, 1, Device.CPU, 1,
        new Augmentation(2, 10, 0.1), 0.1, 1, Precision.AUTO);

    TrainResult result = TrainJob.run(
        new TrainRequest(config, tmp.resolve("models"), "mlp", 0, tmp.resolve("ckpt"), false),
        data, TrainingListener.NONE);

    Hyperparameters h = result.metrics().hyperparameters();
    assertThat(List.of(h.augmentShiftPixels(), h.augmentRotationDegrees(), h.augmentScale(), h.labelSmoothing()))
        .containsExactly(2.0, 10.0, 0.1, 0.1);
    assertThat(h.warmupEpochs()).isEqualTo(1);
    assertThat(MetricsFile.read(result.bundleDir()).orElseThrow().hyperparameters()).isEqualTo(h);
    List<String> types = new ArrayList<>();
    List<String> names = new ArrayList<>();
    try (SavedModelBundle bundle = SavedModelBundle.load(result.bundleDir().toString(), ServingSignature.TAG)) {
      bundle.graph().operations().forEachRemaining(op -> {
        types.add(op.type());
        names.add(op.name());
      });
    }
    assertThat(types).contains("MatMul", "Softmax").noneMatch(t -> t.startsWith("ImageProjectiveTransform"));
    // The initializers' stateless draws stay (weights start from them); the augmentation's and its step input go.
    assertThat(names).noneMatch(n -> n.contains("augment") || n.equals("step"));
  }

  /** {@code count} train and test images, each a bright square whose position says its label. */
  private static Dataset blobs(int count) {
    byte[] pixels = new byte[count * 28 * 28];
    byte[] labels = new byte[count];
    for (int i = 0; i < count; i++) {
      int label = i % 10;
      labels[i] = (byte) label;
      for (int y = 4 + label * 2; y < 10 + label * 2; y++) {
        for (int x = 10; x < 18; x++) {
          pixels[i * 784 + y * 28 + x] = (byte) 255;
        }
      }
    }
    ImageSet set = new ImageSet(count, 28, 28, pixels, labels);
    return new Dataset("blobs", set, set, new DatasetInfo("blobs", count, count, "0".repeat(64), Map.of()));
  }
}
