package dev.tfj.cli;

import dev.tfj.cli.report.Tables;
import dev.tfj.trainer.train.Augmentation;
import dev.tfj.trainer.train.Device;
import dev.tfj.trainer.train.GpuUnavailableException;
import dev.tfj.trainer.train.InvalidTrainingConfigException;
import dev.tfj.trainer.train.LearningRateSchedule;
import dev.tfj.trainer.train.OptimizerKind;
import dev.tfj.trainer.train.Precision;
import dev.tfj.trainer.train.TrainingConfig;
import dev.tfj.trainer.train.TrainingDivergedException;
import dev.tfj.trainer.train.TrainingSetting;
import picocli.CommandLine.Option;

/**
 * The training options {@code tfj train} and {@code tfj study} share: batch, optimizer and schedule, device and
 * threads, and those beyond the course recipe (augmentation, label smoothing, warm-up).
 */
final class RecipeOptions {

  @Option(names = {"-b", "--batch-size"}, description = "Batch size (default: ${DEFAULT-VALUE}).")
  int batchSize = TrainingConfig.DEFAULT_BATCH_SIZE;

  @Option(
      names = "--optimizer",
      description = "${COMPLETION-CANDIDATES}: sgd with momentum, or adam (default: ${DEFAULT-VALUE}).")
  OptimizerKind optimizer = TrainingConfig.DEFAULT_OPTIMIZER;

  @Option(
      names = {"--lr", "--learning-rate"},
      description =
          "Learning rate (default: " + OptimizerKind.SGD_LEARNING_RATE + " for sgd, "
              + OptimizerKind.ADAM_LEARNING_RATE + " for adam).")
  Double learningRate;

  @Option(
      names = "--lr-schedule",
      description = "${COMPLETION-CANDIDATES}: cosine anneals to zero over the run (default: ${DEFAULT-VALUE}).")
  LearningRateSchedule schedule = TrainingConfig.DEFAULT_SCHEDULE;

  @Option(names = "--momentum", description = "SGD momentum (default: " + OptimizerKind.SGD_MOMENTUM + ").")
  Double momentum;

  @Option(names = "--device", description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Device device = TrainingConfig.DEFAULT_DEVICE;

  @Option(
      names = "--threads",
      description = "TensorFlow threads. 0 (default): tfj chooses — on a CPU with 2+ cores, models without batch norm train as"
              + " two towers of one thread each; otherwise one intra-op thread per core. N: N intra-op threads, one"
              + " tower.")
  int threads = TrainingConfig.DEFAULT_THREADS;

  @Option(
      names = "--precision",
      description = "${COMPLETION-CANDIDATES}: what training steps compute in. mixed-bfloat16 runs convolutions and"
          + " matrix products in bfloat16 on a CPU (TensorFlow's oneDNN rewrite), keeping weights, updates and the"
          + " exported model float32; auto (default) picks it for lenet5 where the CPU has bfloat16 instructions"
          + " (avx512_bf16, amx_bf16), else float32 (mlp and lenet5-reg measured no faster with it).")
  Precision precision = TrainingConfig.DEFAULT_PRECISION;

  @Option(
      names = "--augment",
      description =
          "Randomly shift, rotate and scale each training image (in the training graph only; never exported):"
              + " up to 2 px, 10 degrees and 10%% unless the --augment-* options say otherwise.")
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

  /**
   * The training settings these options give, with what each command decides for itself: the model, epochs,
   * learning rate (per model in a study), regularisation and seed.
   */
  TrainingConfig config(
      String model, int epochs, double learningRate, double weightDecay, double dropout, long seed) {
    return new TrainingConfig(
        model, epochs, batchSize, optimizer, learningRate, schedule, momentum(), weightDecay, dropout, seed, device,
        threads, augmentation(), labelSmoothing, warmupEpochs, precision);
  }

  /** The option of {@code tfj train} and {@code tfj study} that sets {@code setting}. */
  static String option(TrainingSetting setting) {
    return switch (setting) {
      case MODEL -> "--model";
      case EPOCHS -> "--epochs";
      case BATCH_SIZE -> "--batch-size";
      case OPTIMIZER -> "--optimizer";
      case LEARNING_RATE -> "--learning-rate";
      case SCHEDULE -> "--lr-schedule";
      case MOMENTUM -> "--momentum";
      case WEIGHT_DECAY -> "--weight-decay";
      case DROPOUT -> "--dropout";
      case SEED -> "--seed";
      case DEVICE -> "--device";
      case THREADS -> "--threads";
      case AUGMENT_SHIFT -> "--augment-shift";
      case AUGMENT_ROTATION -> "--augment-rotate";
      case AUGMENT_SCALE -> "--augment-scale";
      case LABEL_SMOOTHING -> "--label-smoothing";
      case WARMUP_EPOCHS -> "--warmup-epochs";
      case PRECISION -> "--precision";
    };
  }

  /**
   * The one-line error for what training with these options can fail on in either command: a setting out of
   * range (as a usage error naming its option), no GPU, or a diverged run.
   */
  static UserError error(InvalidTrainingConfigException e) {
    return UserError.usage(option(e.setting()) + " " + e.requirement() + ", got " + e.value());
  }

  /** As {@link #error(InvalidTrainingConfigException)}: no GPU for {@code --device gpu}. */
  static UserError error(GpuUnavailableException e) {
    return UserError.failure(
        "--device gpu: TensorFlow sees no GPU (" + e.reason() + "). Build with the GPU natives"
            + " (./mvnw -Pgpu package) on a machine with an NVIDIA GPU, CUDA 12 and cuDNN 9, or use --device cpu.",
        e);
  }

  /** As {@link #error(InvalidTrainingConfigException)}: the loss stopped being a number. */
  static UserError error(TrainingDivergedException e) {
    return UserError.failure(
        "training diverged at epoch " + e.epoch() + " (loss is " + e.loss() + "): lower --learning-rate", e);
  }

  /** The learning rate given, else the optimizer's default. */
  double learningRate() {
    return learningRate != null ? learningRate : optimizer.defaultLearningRate();
  }

  /** The momentum given, else the optimizer's default. */
  double momentum() {
    return momentum != null ? momentum : optimizer.defaultMomentum();
  }

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
    if (c.precision() != TrainingConfig.DEFAULT_PRECISION) {
      command.append(" --precision ").append(c.precision().id());
    }
  }
}
