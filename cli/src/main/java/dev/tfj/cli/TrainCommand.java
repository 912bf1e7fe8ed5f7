package dev.tfj.cli;

import dev.tfj.bundle.EpochMetrics;
import dev.tfj.bundle.TrainingMetrics;
import dev.tfj.trainer.TrainJob;
import dev.tfj.trainer.TrainRequest;
import dev.tfj.trainer.TrainResult;
import dev.tfj.trainer.data.Dataset;
import dev.tfj.trainer.model.Architecture;
import dev.tfj.trainer.model.Architectures;
import dev.tfj.trainer.train.Device;
import dev.tfj.trainer.train.GpuCheck;
import dev.tfj.trainer.train.LearningRateSchedule;
import dev.tfj.trainer.train.OptimizerKind;
import dev.tfj.trainer.train.TrainingConfig;
import dev.tfj.trainer.train.TrainingListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Locale;
import java.util.concurrent.Callable;
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
      defaultValue = "lenet5",
      completionCandidates = ModelNames.class,
      description = "Model: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  String model;

  @Option(names = {"-e", "--epochs"}, defaultValue = "10", description = "Epochs (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = {"-b", "--batch-size"}, defaultValue = "64", description = "Batch size (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(
      names = "--optimizer",
      defaultValue = "sgd",
      description = "sgd (with momentum) or adam (default: ${DEFAULT-VALUE}).")
  String optimizer;

  @Option(
      names = {"--lr", "--learning-rate"},
      description = "Learning rate (default: 0.01 for sgd, 0.001 for adam).")
  Double learningRate;

  @Option(
      names = "--lr-schedule",
      defaultValue = "cosine",
      description = "cosine (anneal to zero over the run) or constant (default: ${DEFAULT-VALUE}).")
  String schedule;

  @Option(names = "--momentum", description = "SGD momentum (default: 0.9).")
  Double momentum;

  @Option(
      names = "--weight-decay",
      description = "L2 weight decay on kernels (default: 0, 5e-4 for lenet5-reg).")
  Double weightDecay;

  @Option(
      names = "--dropout",
      description = "Dropout rate before the fully connected layers (default: 0, 0.2 for lenet5-reg).")
  Double dropout;

  @Option(names = "--seed", defaultValue = "42", description = "Seed for weights and shuffling (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--device", defaultValue = "cpu", description = "cpu or gpu (default: ${DEFAULT-VALUE}).")
  String device;

  @Option(
      names = "--threads",
      defaultValue = "0",
      description = "TensorFlow intra-op threads; 0 = one per core (default: ${DEFAULT-VALUE}).")
  int threads;

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
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Architecture arch = Architectures.require(model);
    TrainingConfig config = config(arch);
    String bundle = name != null ? name : arch.name();
    requireBundleName(bundle);
    requireWritable(outputDir);
    Path checkpoints = checkpointDir != null ? checkpointDir : CHECKPOINTS.resolve(bundle);

    if (config.device() == Device.GPU) {
      GpuCheck.requireGpu();
    }
    Dataset dataset = data.load(err);
    out.printf(
        Locale.ROOT,
        "training %s on %s (%,d train / %,d test images), %d epochs, batch %d, %s lr %s (%s)%n",
        arch.name(),
        dataset.name(),
        dataset.train().count(),
        dataset.test().count(),
        config.epochs(),
        config.batchSize(),
        config.optimizer().id(),
        config.learningRate(),
        config.schedule().id());
    out.flush();
    TrainResult result;
    try (EpochProgress progress = new EpochProgress(out, err)) {
      result =
          TrainJob.run(
              new TrainRequest(config, outputDir, bundle, version, checkpoints, resume), dataset, progress);
    }
    TrainingMetrics m = result.metrics();
    out.printf(
        Locale.ROOT,
        "exported %s: test accuracy %.2f%% (best %.2f%% at epoch %d), %,d parameters, %.1f s, %,.0f images/s%n",
        result.bundleDir(),
        100 * m.finalTestAccuracy(),
        100 * m.bestTestAccuracy(),
        m.bestEpoch(),
        m.totalParameters(),
        m.wallTimeSeconds(),
        m.imagesPerSecond());
    return ExitCodes.OK;
  }

  private TrainingConfig config(Architecture arch) {
    OptimizerKind opt = parseEnum(OptimizerKind.class, optimizer, "--optimizer");
    Device dev = parseEnum(Device.class, device, "--device");
    return new TrainingConfig(
        arch.name(),
        epochs,
        batchSize,
        opt,
        learningRate != null ? learningRate : opt.defaultLearningRate(),
        parseEnum(LearningRateSchedule.class, schedule, "--lr-schedule"),
        momentum != null ? momentum : opt.defaultMomentum(),
        weightDecay != null ? weightDecay : arch.defaultWeightDecay(),
        dropout != null ? dropout : arch.defaultDropout(),
        seed,
        dev,
        threads);
  }

  private static <E extends Enum<E>> E parseEnum(Class<E> type, String value, String option) {
    for (E e : type.getEnumConstants()) {
      if (e.name().equalsIgnoreCase(value)) {
        return e;
      }
    }
    var names = new ArrayList<String>();
    for (E e : type.getEnumConstants()) {
      names.add(e.name().toLowerCase(Locale.ROOT));
    }
    throw UserError.usage(option + " '" + value + "': choose one of " + String.join(", ", names));
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
          "epoch %2d/%d  train loss %.4f acc %6.2f%%  test loss %.4f acc %6.2f%%  %5.1f s  %,6.0f img/s%n",
          m.epoch(),
          epochs,
          m.trainLoss(),
          100 * m.trainAccuracy(),
          m.testLoss(),
          100 * m.testAccuracy(),
          m.seconds(),
          m.imagesPerSecond());
      out.flush();
    }

    @Override
    public void close() {
      bar.close();
    }
  }
}
