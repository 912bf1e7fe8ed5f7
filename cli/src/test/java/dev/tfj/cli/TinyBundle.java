package dev.tfj.cli;

import dev.tfj.trainer.TrainJob;
import dev.tfj.trainer.TrainRequest;
import dev.tfj.trainer.data.Dataset;
import dev.tfj.trainer.data.DatasetLoader;
import dev.tfj.trainer.train.Device;
import dev.tfj.trainer.train.LearningRateSchedule;
import dev.tfj.trainer.train.OptimizerKind;
import dev.tfj.trainer.train.TrainingConfig;
import dev.tfj.trainer.train.TrainingListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A one-epoch MLP bundle trained on real MNIST once per test JVM (~3 s), at {@code <base>/mlp/1}. */
final class TinyBundle {

  private static Path base;

  private TinyBundle() {}

  /** Real MNIST, read-only. */
  static Path mnist() {
    return Path.of(System.getProperty("tfj.test.mnist"));
  }

  /** The foreign SavedModels, read-only. */
  static Path foreign(String name) {
    return Path.of(System.getProperty("tfj.test.foreign")).resolve(name);
  }

  /** The model base path holding {@code mlp/1}. */
  static synchronized Path base() {
    if (base == null) {
      try {
        Path dir = Files.createTempDirectory("tfj-cli-bundle");
        Dataset dataset = DatasetLoader.load(mnist());
        TrainingConfig config = new TrainingConfig(
            "mlp", 1, 256, OptimizerKind.ADAM, 0.001, LearningRateSchedule.COSINE, 0, 0, 0, 1, Device.CPU, 0);
        TrainJob.run(
            new TrainRequest(config, dir.resolve("models"), "mlp", 0, dir.resolve("ckpt"), false),
            dataset,
            TrainingListener.NONE);
        base = dir.resolve("models");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return base;
  }

  /** The version directory. */
  static Path version() {
    return base().resolve("mlp").resolve("1");
  }
}
