package dev.tfj.trainer;

import dev.tfj.bundle.EpochMetrics;
import dev.tfj.bundle.Hyperparameters;
import dev.tfj.bundle.LayerParameters;
import dev.tfj.bundle.ServingSignature;
import dev.tfj.bundle.TrainingMetrics;
import dev.tfj.trainer.data.Dataset;
import dev.tfj.trainer.data.DatasetException;
import dev.tfj.trainer.export.BundleWriter;
import dev.tfj.trainer.export.WarmupRequests;
import dev.tfj.trainer.model.Architecture;
import dev.tfj.trainer.model.Architectures;
import dev.tfj.trainer.model.ModelSummary;
import dev.tfj.trainer.train.CheckpointNotFoundException;
import dev.tfj.trainer.train.CheckpointState;
import dev.tfj.trainer.train.Checkpoints;
import dev.tfj.trainer.train.Device;
import dev.tfj.trainer.train.GpuCheck;
import dev.tfj.trainer.train.GpuUnavailableException;
import dev.tfj.trainer.train.GraphWarmup;
import dev.tfj.trainer.train.ResumeMismatchException;
import dev.tfj.trainer.train.Trainer;
import dev.tfj.trainer.train.TrainingConfig;
import dev.tfj.trainer.train.TrainingListener;
import dev.tfj.trainer.train.TrainingRun;
import java.io.IOException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.tensorflow.TensorFlow;

/**
 * Trains a model on a loaded dataset and exports its bundle: what {@code tfj train} runs. Preparing a job checks
 * what can be checked before the data is loaded (the GPU, when the run wants one), once, and starts building
 * the training graph on another thread ({@link GraphWarmup}), so that its one-time costs overlap the loading;
 * close a job that is not run.
 */
public final class TrainJob implements AutoCloseable {

  private final Architecture arch;
  private final TrainRequest request;
  private final GraphWarmup warmup;

  private TrainJob(Architecture arch, TrainRequest request, GraphWarmup warmup) {
    this.arch = arch;
    this.request = request;
    this.warmup = warmup;
  }

  /**
   * A job that trains {@code arch} (the model {@code request} names) as {@code request} says.
   *
   * @throws GpuUnavailableException when the run wants a GPU and TensorFlow sees none
   */
  public static TrainJob prepare(Architecture arch, TrainRequest request) {
    if (!arch.name().equals(request.config().model())) {
      throw new IllegalArgumentException(
          "architecture " + arch.name() + " is not the configured model " + request.config().model());
    }
    if (request.config().device() == Device.GPU) {
      GpuCheck.requireGpu();
    }
    request.config().precision().on(request.config().device(), arch); // refuses what cannot run, before any data
    return new TrainJob(arch, request, GraphWarmup.start(arch, request.config()));
  }

  /** Prepares and runs {@code request} on {@code data}, reporting progress to {@code listener}. */
  public static TrainResult run(TrainRequest request, Dataset data, TrainingListener listener) throws IOException {
    try (TrainJob job = prepare(Architectures.require(request.config().model()), request)) {
      return job.run(data, listener);
    }
  }

  /** Trains on {@code data}, reporting progress to {@code listener}, and writes the bundle. */
  public TrainResult run(Dataset data, TrainingListener listener) throws IOException {
    TrainingConfig config = request.config();
    requireMnistShape(data);
    Checkpoints checkpoints = new Checkpoints(request.checkpointDir());
    CheckpointState resumeFrom = request.resume() ? resumable(checkpoints, config, data) : null;

    long start = System.nanoTime();
    TrainingRun run = new Trainer(arch, config, checkpoints, listener).train(data, resumeFrom, warmup);
    double wall = (System.nanoTime() - start) / 1e9 + (resumeFrom == null ? 0 : resumeFrom.trainSeconds());

    TrainingMetrics metrics = metrics(arch, config, data, run, wall);
    var dir =
        BundleWriter.write(
            request.modelBase(), request.bundleName(), request.version(), arch, run.checkpointPrefix(), metrics,
            WarmupRequests.of(data.test()));
    checkpoints.delete();
    return new TrainResult(dir, metrics);
  }

  /** Closes the graph built for a job that was not run (it waits for the build to end). */
  @Override
  public void close() {
    warmup.close();
  }

  private static void requireMnistShape(Dataset data) {
    int size = ServingSignature.IMAGE_SIZE;
    for (var set : List.of(data.train(), data.test())) {
      if (set.rows() != size || set.cols() != size) {
        throw new DatasetException(
            data.name() + ": images are " + set.rows() + "×" + set.cols() + ", tfj models take " + size + "×" + size);
      }
    }
  }

  private static CheckpointState resumable(Checkpoints checkpoints, TrainingConfig config, Dataset data) {
    CheckpointState state =
        checkpoints.latest().orElseThrow(() -> new CheckpointNotFoundException(checkpoints.dir()));
    TrainingConfig saved = state.config();
    if (!saved.equals(config.withEpochs(saved.epochs()))) {
      throw ResumeMismatchException.settings(checkpoints.dir(), saved, config.withEpochs(saved.epochs()));
    }
    if (!state.datasetSha256().equals(data.info().sha256())) {
      throw ResumeMismatchException.data(checkpoints.dir());
    }
    return state;
  }

  private static TrainingMetrics metrics(
      Architecture arch, TrainingConfig c, Dataset data, TrainingRun run, double wallSeconds) {
    ModelSummary summary = run.summary();
    List<LayerParameters> layers =
        summary.layers().stream()
            .map(l -> new LayerParameters(l.name(), l.outputShape(), l.parameters()))
            .toList();
    List<EpochMetrics> epochs = run.epochs();
    EpochMetrics last = epochs.get(epochs.size() - 1);
    EpochMetrics best = epochs.stream().max(Comparator.comparingDouble(EpochMetrics::testAccuracy)).orElse(last);
    long imagesTrained = (long) data.train().count() * epochs.size();
    return new TrainingMetrics(
        arch.name(),
        layers,
        summary.totalParameters(),
        new Hyperparameters(
            c.epochs(), c.batchSize(), c.optimizer().id(), c.learningRate(), c.schedule().id(), c.momentum(),
            c.weightDecay(),
            c.dropout(), c.seed(), c.augmentation().maxShiftPixels(), c.augmentation().maxRotationDegrees(),
            c.augmentation().maxScale(), c.labelSmoothing(), c.warmupEpochs()),
        data.info(),
        epochs,
        last.testAccuracy(),
        best.testAccuracy(),
        best.epoch(),
        run.finalTest().confusion(),
        wallSeconds,
        imagesTrained / run.trainSeconds(),
        TensorFlow.version(),
        c.device().id(),
        c.precision().on(c.device(), arch).id(),
        Instant.now().toString());
  }
}
