package dev.tfj.trainer.train;

import java.util.Locale;

/** The optimizers {@code tfj train} offers, with their default hyperparameters. */
public enum OptimizerKind {
  /** SGD with momentum, as the course assignment trains: lr 0.01, momentum 0.9. */
  SGD(OptimizerKind.SGD_LEARNING_RATE, OptimizerKind.SGD_MOMENTUM),
  /** Adam with Keras' defaults: lr 0.001. */
  ADAM(OptimizerKind.ADAM_LEARNING_RATE, 0.0);

  /** SGD's default learning rate. */
  public static final double SGD_LEARNING_RATE = 0.01;
  /** SGD's default momentum. */
  public static final double SGD_MOMENTUM = 0.9;
  /** Adam's default learning rate. */
  public static final double ADAM_LEARNING_RATE = 0.001;

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

  /** The lower-case name, as picocli lists and matches it and as error messages show it. */
  @Override
  public String toString() {
    return id();
  }
}
