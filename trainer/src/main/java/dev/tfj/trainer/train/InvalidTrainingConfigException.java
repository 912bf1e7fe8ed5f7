package dev.tfj.trainer.train;

/** A training setting with a value that cannot train, e.g. zero epochs. */
public final class InvalidTrainingConfigException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final TrainingSetting setting;
  private final String requirement;
  private final transient Object value;

  /** {@code setting} is {@code value}, which breaks {@code requirement} (e.g. "must be at least 1"). */
  public InvalidTrainingConfigException(TrainingSetting setting, String requirement, Object value) {
    super(setting.label() + " " + requirement + ", got " + value);
    this.setting = setting;
    this.requirement = requirement;
    this.value = value;
  }

  /** The setting that is wrong. */
  public TrainingSetting setting() {
    return setting;
  }

  /** What the value must be, e.g. {@code must be at least 1}. */
  public String requirement() {
    return requirement;
  }

  /** The rejected value. */
  public Object value() {
    return value;
  }
}
