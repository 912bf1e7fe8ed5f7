package dev.tfj.trainer.study;

import dev.tfj.trainer.train.TrainingConfig;

/**
 * One training run of a study: its name (the bundle's directory, such as {@code lenet5-dropout-s2}) and settings.
 */
public record StudyRun(String name, TrainingConfig config) {

  /** The architecture trained. */
  public String model() {
    return config.model();
  }

  /** The run's seed. */
  public long seed() {
    return config.seed();
  }
}
