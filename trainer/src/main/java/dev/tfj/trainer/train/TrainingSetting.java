package dev.tfj.trainer.train;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The settings of a {@link TrainingConfig}, by name, so errors can say which one is wrong or differs. */
public enum TrainingSetting {
  MODEL("model", TrainingConfig::model),
  EPOCHS("epochs", TrainingConfig::epochs),
  BATCH_SIZE("batch size", TrainingConfig::batchSize),
  OPTIMIZER("optimizer", c -> c.optimizer().id()),
  LEARNING_RATE("learning rate", TrainingConfig::learningRate),
  SCHEDULE("learning-rate schedule", c -> c.schedule().id()),
  MOMENTUM("momentum", TrainingConfig::momentum),
  WEIGHT_DECAY("weight decay", TrainingConfig::weightDecay),
  DROPOUT("dropout", TrainingConfig::dropout),
  SEED("seed", TrainingConfig::seed),
  DEVICE("device", c -> c.device().id()),
  THREADS("threads", TrainingConfig::threads),
  AUGMENT_SHIFT("augmentation shift", c -> c.augmentation().maxShiftPixels()),
  AUGMENT_ROTATION("augmentation rotation", c -> c.augmentation().maxRotationDegrees()),
  AUGMENT_SCALE("augmentation scale", c -> c.augmentation().maxScale()),
  LABEL_SMOOTHING("label smoothing", TrainingConfig::labelSmoothing),
  WARMUP_EPOCHS("warm-up epochs", TrainingConfig::warmupEpochs),
  PRECISION("precision", c -> c.precision().id());

  private final String label;
  private final Function<TrainingConfig, Object> value;

  TrainingSetting(String label, Function<TrainingConfig, Object> value) {
    this.label = label;
    this.value = value;
  }

  /** The setting in words, e.g. {@code batch size}. */
  public String label() {
    return label;
  }

  /** This setting's value in {@code config}. */
  public Object valueIn(TrainingConfig config) {
    return value.apply(config);
  }

  /** The settings whose values differ between {@code a} and {@code b}, in declaration order. */
  public static List<TrainingSetting> differing(TrainingConfig a, TrainingConfig b) {
    List<TrainingSetting> differ = new ArrayList<>();
    for (TrainingSetting s : values()) {
      if (!s.valueIn(a).equals(s.valueIn(b))) {
        differ.add(s);
      }
    }
    return differ;
  }
}
