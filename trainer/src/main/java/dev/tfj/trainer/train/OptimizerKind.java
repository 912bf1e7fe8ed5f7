package dev.tfj.trainer.train;

import java.util.Locale;

/** The optimizers {@code tfj train} offers, with their default hyperparameters. */
public enum OptimizerKind {
  /** SGD with momentum, as the course assignment trains: lr 0.01, momentum 0.9. */
  SGD(0.01, 0.9),
  /** Adam with Keras' defaults: lr 0.001. */
  ADAM(0.001, 0.0);

  private final double defaultLearningRate;
  private final double defaultMomentum;

  OptimizerKind(double defaultLearningRate, double defaultMomentum) {
    this.defaultLearningRate = defaultLearningRate;
    this.defaultMomentum = defaultMomentum;
  }

  /** The learning rate used when none is given. */
  public double defaultLearningRate() {
    return defaultLearningRate;
  }

  /** The momentum used when none is given (SGD only). */
  public double defaultMomentum() {
    return defaultMomentum;
  }

  /** The lower-case name used on the command line and in metrics.json. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
