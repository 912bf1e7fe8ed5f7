package dev.tfj.cli;

import dev.tfj.bundle.EpochMetrics;
import dev.tfj.bundle.TrainingMetrics;
import dev.tfj.cli.report.Tables;
import dev.tfj.trainer.TrainJob;
import dev.tfj.trainer.TrainRequest;
import dev.tfj.trainer.TrainResult;
import dev.tfj.trainer.data.Dataset;
import dev.tfj.trainer.model.Architecture;
import dev.tfj.trainer.model.Architectures;
import dev.tfj.trainer.model.RegularizedLeNet5;
import dev.tfj.trainer.train.Augmentation;
import dev.tfj.trainer.train.CheckpointNotFoundException;
import dev.tfj.trainer.train.Device;
import dev.tfj.trainer.train.GpuUnavailableException;
import dev.tfj.trainer.train.InvalidTrainingConfigException;
import dev.tfj.trainer.train.LearningRateSchedule;
import dev.tfj.trainer.train.OptimizerKind;
import dev.tfj.trainer.train.ResumeMismatchException;
import dev.tfj.trainer.train.TrainingConfig;
import dev.tfj.trainer.train.TrainingDivergedException;
import dev.tfj.trainer.train.TrainingListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tfj train}: trains a model and exports it as a SavedModel bundle. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Train a model on MNIST (or any MNIST-format dataset) and export it to <output-dir>/<name>/<version>/",
      "as a SavedModel with metrics.json and curves.png beside it."
    })
public final class TrainCommand implements Callable<Integer> {

  /** Where checkpoints go unless {@code --checkpoint-dir} says otherwise. */
  public static final Path CHECKPOINTS = Path.of(".tfj", "checkpoints");

  @Spec CommandSpec spec;

  @Option(
      names = {"-m", "--model"},
      defaultValue = TrainingConfig.DEFAULT_MODEL,
      completionCandidates = ModelNames.class,
      description = "Model: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  String model;

  @Option(names = {"-e", "--epochs"}, description = "Epochs (default: ${DEFAULT-VALUE}).")
  int epochs = TrainingConfig.DEFAULT_EPOCHS;

  @Option(
      names = "--weight-decay",
      description =
          "L2 weight decay on kernels (default: 0, " + RegularizedLeNet5.WEIGHT_DECAY_DEFAULT + " for "
              + RegularizedLeNet5.NAME + ").")
  Double weightDecay;

  @Option(
      names = "--dropout",
      description =
          "Dropout rate before the fully connected layers (default: 0, " + RegularizedLeNet5.DROPOUT_DEFAULT + " for "
              + RegularizedLeNet5.NAME + ").")
  Double dropout;

  @Option(names = "--seed", description = "Seed for weights and shuffling (default: ${DEFAULT-VALUE}).")
  long seed = TrainingConfig.DEFAULT_SEED;

  @Mixin RecipeOptions recipe;

  @Mixin DataOptions data;

  @Option(
      names = {"-o", "--output-dir"},
      defaultValue = "saved-models",
      paramLabel = "DIR",
      description = "Export root, TF Serving's model base path layout (default: ${DEFAULT-VALUE}).")
  Path outputDir;

  @Option(names = "--name", description = "Bundle name (default: the model's name).")
  String name;

  @Option(names = "--bundle-version", paramLabel = "N", description = "Bundle version (default: one past the highest present).")
  long version;

  @Option(names = "--resume", description = "Continue the interrupted run whose checkpoint is in --checkpoint-dir.")
  boolean resume;

  @Option(
      names = "--checkpoint-dir",
      paramLabel = "DIR",
      description = "Per-epoch checkpoints (default: .tfj/checkpoints/<name>).")
  Path checkpointDir;

  @Mixin Verbosity verbosity;

  @Override
  public Integer call() throws IOException {
    try {
      return train();
    } catch (InvalidTrainingConfigException e) {
      throw RecipeOptions.error(e);
    } catch (GpuUnavailableException e) {
      throw RecipeOptions.error(e);
    } catch (CheckpointNotFoundException e) {
      throw UserError.failure(
          "--resume: no checkpoint in " + e.checkpointDir() + "; run without --resume to start", e);
    } catch (ResumeMismatchException e) {
      throw UserError.failure(resumeMismatch(e), e);
    } catch (TrainingDivergedException e) {
      throw RecipeOptions.error(e);
    }
  }

  private int train() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Architecture arch = architecture(model);
    TrainingConfig config = config(arch);
    String bundle = name != null ? name : arch.name();
    requireBundleName(bundle);
    requireWritable(outputDir);
    Path checkpoints = checkpointDir != null ? checkpointDir : CHECKPOINTS.resolve(bundle);

    // Before the data is loaded: a missing GPU is reported without waiting for a download, and the graph is
    // built (and its first runs made) while the data loads.
    TrainResult result;
    try (TrainJob job =
        TrainJob.prepare(arch, new TrainRequest(config, outputDir, bundle, version, checkpoints, resume))) {
      Dataset dataset = data.load(err);
      out.printf(
          Locale.ROOT,
          "training %s on %s (%,d train / %,d test images), %d epochs, batch %d, %s lr %s (%s)%s%n",
          arch.name(),
          dataset.name(),
          dataset.train().count(),
          dataset.test().count(),
          config.epochs(),
          config.batchSize(),
          config.optimizer().id(),
          config.learningRate(),
          config.schedule().id(),
          extras(config));
      out.flush();
      try (EpochProgress progress = new EpochProgress(out, err)) {
        result = job.run(dataset, progress);
      }
    }
    TrainingMetrics m = result.metrics();
    out.printf(
        Locale.ROOT,
        "exported %s: test accuracy %.2f%% (best %.2f%% at epoch %d), %,d parameters, %.1f s%n"
            + "speed: %,.0f images/s in optimizer steps, %,.0f images/s over whole epochs (with evaluation and"
            + " checkpoints)%n",
        result.bundleDir(),
        100 * m.finalTestAccuracy(),
        100 * m.bestTestAccuracy(),
        m.bestEpoch(),
        m.totalParameters(),
        m.wallTimeSeconds(),
        m.imagesPerSecond(),
        epochImagesPerSecond(m));
    return ExitCodes.OK;
  }

  /** Training images per second of whole epochs (steps, evaluation, checkpoint) in this run's metrics. */
  private static double epochImagesPerSecond(TrainingMetrics m) {
    double wall = m.epochs().stream().mapToDouble(e -> e.wallSeconds() > 0 ? e.wallSeconds() : e.seconds()).sum();
    return (double) m.dataset().trainSize() * m.epochs().size() / wall;
  }

  private TrainingConfig config(Architecture arch) {
    return recipe.config(
        arch.name(),
        epochs,
        recipe.learningRate(),
        weightDecay != null ? weightDecay : arch.defaultWeightDecay(),
        dropout != null ? dropout : arch.defaultDropout(),
        seed);
  }

  /** The options beyond the course recipe, e.g. {@code , augment ±2 px ±10° ±0.1 scale, label smoothing 0.1}. */
  static String extras(TrainingConfig c) {
    StringBuilder sb = new StringBuilder();
    Augmentation a = c.augmentation();
    if (a.active()) {
      sb.append(", augment ±").append(Tables.number(a.maxShiftPixels())).append(" px ±")
          .append(Tables.number(a.maxRotationDegrees())).append("° ±").append(Tables.number(a.maxScale()))
          .append(" scale");
    }
    if (c.labelSmoothing() > 0) {
      sb.append(", label smoothing ").append(Tables.number(c.labelSmoothing()));
    }
    if (c.warmupEpochs() > 0) {
      sb.append(", warm-up ").append(c.warmupEpochs()).append(c.warmupEpochs() == 1 ? " epoch" : " epochs");
    }
    return sb.toString();
  }

  /** The model called {@code name}, or a usage error listing the known ones. */
  static Architecture architecture(String name) {
    return Architectures.find(name)
        .orElseThrow(
            () ->
                UserError.usage(
                    "unknown model '" + name + "': choose one of " + String.join(", ", Architectures.names())));
  }

  private static String resumeMismatch(ResumeMismatchException e) {
    String checkpoint = "--resume: the checkpoint in " + e.checkpointDir();
    if (e.dataDiffers()) {
      return checkpoint + " was trained on other data; use the same --data-dir";
    }
    String differences =
        e.differences().stream()
            .map(d -> RecipeOptions.option(d.setting()) + " " + d.recorded() + ", now " + d.requested())
            .collect(Collectors.joining("; "));
    return checkpoint + " was made with different settings (" + differences
        + "); repeat them, or run without --resume to start over";
  }

  private static void requireBundleName(String bundle) {
    if (!bundle.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
      throw UserError.usage(
          "--name '" + bundle + "': use letters, digits, '.', '_' and '-' (it becomes a directory name)");
    }
  }

  private static void requireWritable(Path dir) {
    try {
      Files.createDirectories(dir);
      Path probe = Files.createTempFile(dir, ".write-test", ".tmp");
      Files.delete(probe);
    } catch (IOException | SecurityException e) {
      throw UserError.failure(
          "cannot write to --output-dir " + dir + " (" + e.getClass().getSimpleName() + ": " + e.getMessage()
              + "); choose a writable directory",
          e);
    }
  }

  /** Completion candidates for {@code --model}. */
  static final class ModelNames extends ArrayList<String> {
    ModelNames() {
      super(Architectures.names());
    }
  }

  /** Prints each epoch's line and draws the batch progress bar. */
  private static final class EpochProgress implements TrainingListener, AutoCloseable {
    private final PrintWriter out;
    private final ConsoleProgress bar;
    private int epochs;

    EpochProgress(PrintWriter out, PrintWriter err) {
      this.out = out;
      this.bar = new ConsoleProgress(err);
    }

    @Override
    public void epochStarted(int epoch, int epochs, int images) {
      this.epochs = epochs;
      bar.start("epoch " + epoch + "/" + epochs, images, " img", 1);
    }

    @Override
    public void batchFinished(int imagesSoFar, double meanLoss, double accuracy) {
      bar.stepTo(imagesSoFar, String.format(Locale.ROOT, " | loss %.4f acc %.2f%%", meanLoss, 100 * accuracy));
    }

    @Override
    public void epochFinished(EpochMetrics m) {
      bar.close();
      out.printf(
          Locale.ROOT,
          "epoch %2d/%d  train loss %.4f acc %6.2f%%  test loss %.4f acc %6.2f%%  %5.1f s  %,6.0f img/s"
              + "  (epoch %.1f s)%n",
          m.epoch(),
          epochs,
          m.trainLoss(),
          100 * m.trainAccuracy(),
          m.testLoss(),
          100 * m.testAccuracy(),
          m.seconds(),
          m.imagesPerSecond(),
          m.wallSeconds());
      out.flush();
    }

    @Override
    public void close() {
      bar.close();
    }
  }
}
