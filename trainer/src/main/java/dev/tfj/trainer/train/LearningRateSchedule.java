package dev.tfj.trainer.train;

import java.util.Locale;

/** How the learning rate moves over a run, as a function of the global step. */
public enum LearningRateSchedule {
  /** The same rate throughout, as the course assignment trains. */
  CONSTANT,
  /** Cosine annealing from the base rate to zero over all steps (Loshchilov and Hutter, 2017). */
  COSINE;

  /** The rate at {@code step} (0-based) of {@code totalSteps}. */
  public double at(double base, long step, long totalSteps) {
    return switch (this) {
      case CONSTANT -> base;
      case COSINE -> base * 0.5 * (1 + Math.cos(Math.PI * Math.min(step, totalSteps) / totalSteps));
    };
  }

  /**
   * The rate at {@code step} (0-based) of {@code totalSteps} when the first {@code warmupSteps} steps warm up:
   * they rise linearly from base/warmupSteps to the base rate, and this schedule runs over the steps after them.
   */
  public double at(double base, long step, long totalSteps, long warmupSteps) {
    if (warmupSteps <= 0) {
      return at(base, step, totalSteps);
    }
    if (step < warmupSteps) {
      return base * (step + 1) / warmupSteps;
    }
    return at(base, step - warmupSteps, Math.max(1, totalSteps - warmupSteps));
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
