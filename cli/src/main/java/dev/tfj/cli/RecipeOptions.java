package dev.tfj.cli;

import dev.tfj.cli.report.Tables;
import dev.tfj.trainer.train.Augmentation;
import dev.tfj.trainer.train.TrainingConfig;
import picocli.CommandLine.Option;

/**
 * The training options beyond the course recipe (augmentation, label smoothing, warm-up), shared by
 * {@code tfj train} and {@code tfj study}.
 */
final class RecipeOptions {

  @Option(
      names = "--augment",
      description =
          "Randomly shift, rotate and scale each training image (in the training graph only; never exported):"
              + " up to 2 px, 10 degrees and 10% unless the --augment-* options say otherwise.")
  boolean augment;

  @Option(
      names = "--augment-shift",
      paramLabel = "PX",
      description = "Largest shift along each axis in pixels, 0-7 (default with --augment: 2; implies --augment).")
  Double augmentShift;

  @Option(
      names = "--augment-rotate",
      paramLabel = "DEG",
      description = "Largest rotation either way in degrees, 0-180 (default with --augment: 10; implies --augment).")
  Double augmentRotate;

  @Option(
      names = "--augment-scale",
      paramLabel = "F",
      description = "Largest scale change as a fraction, 0-0.5 (default with --augment: 0.1; implies --augment).")
  Double augmentScale;

  @Option(
      names = "--label-smoothing",
      paramLabel = "E",
      description = "Spread this share of each training label over all classes, in [0, 1) (default: 0)."
          + " The test loss stays unsmoothed.")
  double labelSmoothing;

  @Option(
      names = "--warmup-epochs",
      paramLabel = "N",
      description = "Raise the learning rate linearly from near 0 over the first N epochs, then follow --lr-schedule"
          + " over the rest (default: 0).")
  int warmupEpochs;

  /** The augmentation the options ask for: none unless one of the --augment options is given. */
  Augmentation augmentation() {
    if (!augment && augmentShift == null && augmentRotate == null && augmentScale == null) {
      return Augmentation.NONE;
    }
    return new Augmentation(
        augmentShift != null ? augmentShift : Augmentation.DEFAULT_SHIFT_PIXELS,
        augmentRotate != null ? augmentRotate : Augmentation.DEFAULT_ROTATION_DEGREES,
        augmentScale != null ? augmentScale : Augmentation.DEFAULT_SCALE);
  }

  /** Appends the flags that give {@code c}'s augmentation, label smoothing and warm-up to a train command. */
  static void appendFlags(StringBuilder command, TrainingConfig c) {
    Augmentation a = c.augmentation();
    if (a.active()) {
      command.append(" --augment-shift ").append(Tables.number(a.maxShiftPixels()))
          .append(" --augment-rotate ").append(Tables.number(a.maxRotationDegrees()))
          .append(" --augment-scale ").append(Tables.number(a.maxScale()));
    }
    if (c.labelSmoothing() > 0) {
      command.append(" --label-smoothing ").append(Tables.number(c.labelSmoothing()));
    }
    if (c.warmupEpochs() > 0) {
      command.append(" --warmup-epochs ").append(c.warmupEpochs());
    }
  }
}
