package dev.tfj.trainer.study;

import dev.tfj.trainer.model.Architecture;
import dev.tfj.trainer.train.TrainingConfig;

/**
 * Builds one study run's training settings: the single place a front end turns its training options (epochs,
 * optimizer, and any option the trainer gains) into a {@link TrainingConfig}. A study calls it once per model,
 * seed and regularisation, and must get back a config for exactly that model, seed and regularisation.
 */
@FunctionalInterface
public interface RunSettings {

  /** The settings of {@code arch} trained with {@code seed} and {@code regularization}. */
  TrainingConfig config(Architecture arch, long seed, Regularization regularization);
}
