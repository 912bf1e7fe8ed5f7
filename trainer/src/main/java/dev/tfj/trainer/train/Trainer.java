package dev.tfj.trainer.train;

import dev.tfj.bundle.EpochMetrics;
import dev.tfj.bundle.ServingSignature;
import dev.tfj.inference.Evaluation;
import dev.tfj.trainer.data.Dataset;
import dev.tfj.trainer.data.ImageSet;
import dev.tfj.trainer.model.Architecture;
import dev.tfj.trainer.model.ModelSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Trains an architecture on a dataset, evaluating on the test set and checkpointing after every epoch. */
public final class Trainer {

  private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);
  private static final int EVAL_BATCH = TrainingGraph.EVAL_BATCH;

  private final Architecture arch;
  private final TrainingConfig config;
  private final Checkpoints checkpoints;
  private final TrainingListener listener;

  /** A trainer that checkpoints into {@code checkpoints} and reports to {@code listener}. */
  public Trainer(Architecture arch, TrainingConfig config, Checkpoints checkpoints, TrainingListener listener) {
    this.arch = arch;
    this.config = config;
    this.checkpoints = checkpoints;
    this.listener = listener;
  }

  /**
   * Trains from scratch, or from {@code resumeFrom} (a checkpoint of the same settings and data), up to
   * {@code config.epochs()}.
   */
  public TrainingRun train(Dataset data, CheckpointState resumeFrom) {
    return train(data, resumeFrom, null);
  }

  /**
   * As {@link #train(Dataset, CheckpointState)}, on the graph {@code warmup} has built (for this architecture
   * and config), or, when it is null, on one built and warmed up now: either way the first epoch's steps do
   * not include the graph's one-time costs ({@link TrainingGraph#warmUp}).
   */
  public TrainingRun train(Dataset data, CheckpointState resumeFrom, GraphWarmup warmup) {
    List<EpochMetrics> epochs = new ArrayList<>();
    double trainSeconds = 0;
    int start = 1;
    Evaluation test = null;
    ModelSummary summary;
    String prefix = null;
    try (TrainingGraph graph = warmup != null ? warmup.take() : TrainingGraph.warmedUp(arch, config)) {
      graph.hold(data.train(), data.test());
      summary = graph.summary();
      if (resumeFrom != null) {
        graph.restore(resumeFrom.checkpointPrefix());
        epochs.addAll(resumeFrom.epochs());
        trainSeconds = resumeFrom.trainSeconds();
        start = resumeFrom.epochsDone() + 1;
        prefix = resumeFrom.checkpointPrefix();
        LOG.info("resuming {} at epoch {} from {}", arch.name(), start, prefix);
      }
      createDirectory();
      for (int epoch = start; epoch <= config.epochs(); epoch++) {
        listener.epochStarted(epoch, config.epochs(), data.train().count());
        long t0 = System.nanoTime();
        double[] trained = trainEpoch(graph, data.train(), epoch);
        double seconds = (System.nanoTime() - t0) / 1e9;
        trainSeconds += seconds;
        listener.evaluating(epoch);
        test = evaluate(graph, data.test());
        prefix = checkpoints.prefixFor(epoch);
        graph.save(prefix);
        double wall = (System.nanoTime() - t0) / 1e9;
        EpochMetrics metrics =
            new EpochMetrics(
                epoch, trained[0], trained[1], test.loss(), test.accuracy(), seconds,
                data.train().count() / seconds, wall);
        epochs.add(metrics);
        checkpoints.commit(
            new CheckpointState(config, data.info().sha256(), epoch, List.copyOf(epochs), trainSeconds, prefix));
        listener.epochFinished(metrics);
      }
      if (resumeFrom != null && start > config.epochs()) {
        // Nothing left to train: the confusion matrix still has to describe the final weights.
        test = evaluate(graph, data.test());
      }
    }
    return new TrainingRun(List.copyOf(epochs), test, summary, trainSeconds, prefix);
  }

  private double[] trainEpoch(TrainingGraph graph, ImageSet set, int epoch) {
    int[] order = shuffled(set.count(), config.seed(), epoch);
    int batchSize = config.batchSize();
    int[] batch = new int[batchSize];
    double lossSum = 0;
    double correct = 0;
    int seen = 0;
    long stepsPerEpoch = (order.length + batchSize - 1) / batchSize;
    long step = (epoch - 1) * stepsPerEpoch;
    long totalSteps = config.epochs() * stepsPerEpoch;
    for (int from = 0; from < order.length; from += batchSize) {
      int n = Math.min(batchSize, order.length - from);
      System.arraycopy(order, from, batch, 0, n);
      double lr = config.learningRateAt(step, totalSteps, stepsPerEpoch);
      float[] out = graph.step(step++, lr, batch, n);
      if (!Float.isFinite(out[0])) {
        throw new TrainingDivergedException(epoch, out[0]);
      }
      lossSum += (double) out[0] * n;
      correct += out[1];
      seen += n;
      listener.batchFinished(seen, lossSum / seen, correct / seen);
    }
    return new double[] {lossSum / seen, correct / seen};
  }

  /** The inference branch on every image of {@code set}: predictions and mean loss. */
  private static Evaluation evaluate(TrainingGraph graph, ImageSet set) {
    int[] batch = new int[EVAL_BATCH];
    long[] classes = new long[EVAL_BATCH];
    int[] labels = new int[set.count()];
    int[] predictions = new int[set.count()];
    double lossSum = 0;
    for (int from = 0; from < set.count(); from += EVAL_BATCH) {
      int n = Math.min(EVAL_BATCH, set.count() - from);
      for (int i = 0; i < n; i++) {
        batch[i] = from + i;
      }
      lossSum += graph.evaluate(batch, n, classes);
      for (int i = 0; i < n; i++) {
        labels[from + i] = set.label(from + i);
        predictions[from + i] = (int) classes[i];
      }
    }
    return new Evaluation(ServingSignature.NUM_CLASSES, labels, predictions, lossSum / set.count());
  }

  /** The order images are visited in {@code epoch}: a function of the seed and the epoch only, so resuming repeats it. */
  static int[] shuffled(int count, long seed, int epoch) {
    int[] order = new int[count];
    for (int i = 0; i < count; i++) {
      order[i] = i;
    }
    Random random = new Random(seed * 0x9E3779B97F4A7C15L + epoch);
    for (int i = count - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int tmp = order[i];
      order[i] = order[j];
      order[j] = tmp;
    }
    return order;
  }

  private void createDirectory() {
    try {
      Files.createDirectories(checkpoints.dir());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create checkpoint directory " + checkpoints.dir(), e);
    }
  }
}
