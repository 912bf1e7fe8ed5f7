package dev.tfj.trainer.study;

import dev.tfj.trainer.model.LeNet5;
import dev.tfj.trainer.model.RegularizedLeNet5;

/**
 * The regularisation ablation of LeNet-5: each arm switches on a subset of dropout, batch normalisation and L2
 * weight decay. Batch normalisation lives in the {@code lenet5-reg} architecture, so its arms train that one.
 */
public enum AblationArm {
  NONE("none", "lenet5", LeNet5.NAME, 0, 0),
  DROPOUT("dropout only", "lenet5-dropout", LeNet5.NAME, RegularizedLeNet5.DROPOUT_DEFAULT, 0),
  BATCH_NORM("batch norm only", "lenet5-batchnorm", RegularizedLeNet5.NAME, 0, 0),
  L2("L2 only", "lenet5-l2", LeNet5.NAME, 0, RegularizedLeNet5.WEIGHT_DECAY_DEFAULT),
  ALL("all three", "lenet5-reg", RegularizedLeNet5.NAME, RegularizedLeNet5.DROPOUT_DEFAULT,
      RegularizedLeNet5.WEIGHT_DECAY_DEFAULT);

  private final String label;
  private final String runPrefix;
  private final String model;
  private final Regularization regularization;

  AblationArm(String label, String runPrefix, String model, double dropout, double weightDecay) {
    this.label = label;
    this.runPrefix = runPrefix;
    this.model = model;
    this.regularization = new Regularization(dropout, weightDecay);
  }

  /** How the report names the arm. */
  public String label() {
    return label;
  }

  /** The run directory's name before {@code -s<seed>}, when no run of the model comparison is the same. */
  public String runPrefix() {
    return runPrefix;
  }

  /** The architecture the arm trains. */
  public String model() {
    return model;
  }

  /** The arm's dropout and weight decay. */
  public Regularization regularization() {
    return regularization;
  }
}
