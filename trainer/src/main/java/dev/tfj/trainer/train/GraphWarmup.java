package dev.tfj.trainer.train;

import dev.tfj.trainer.model.Architecture;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A training graph being built and warmed up ({@link TrainingGraph#warmUp}) on a thread of its own, so that
 * the work a graph's first runs do (~100–140 ms for LeNet-5 here) overlaps whatever the caller does meanwhile,
 * loading the data. {@link Trainer#train(dev.tfj.trainer.data.Dataset, CheckpointState, GraphWarmup)} takes the
 * graph; closing a warm-up that was not taken waits for it and closes its graph.
 */
public final class GraphWarmup implements AutoCloseable {

  private final CompletableFuture<TrainingGraph> graph;
  private boolean taken;

  private GraphWarmup(CompletableFuture<TrainingGraph> graph) {
    this.graph = graph;
  }

  /** Starts building and warming up the graph for training {@code arch} as {@code config} says. */
  public static GraphWarmup start(Architecture arch, TrainingConfig config) {
    return new GraphWarmup(
        CompletableFuture.supplyAsync(
            () -> TrainingGraph.warmedUp(arch, config),
            task -> {
              Thread thread = new Thread(task, "tfj-graph-warmup");
              thread.setDaemon(true);
              thread.start();
            }));
  }

  /** The warmed-up graph, once ready; its failure, if building it failed. The caller closes it. */
  synchronized TrainingGraph take() {
    if (taken) {
      throw new IllegalStateException("the warmed-up graph was already taken");
    }
    taken = true;
    try {
      return graph.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      if (e.getCause() instanceof Error cause) {
        throw cause;
      }
      throw e;
    }
  }

  @Override
  public synchronized void close() {
    if (taken) {
      return;
    }
    taken = true;
    try {
      graph.join().close();
    } catch (CompletionException e) {
      // The build failed and closed what it had opened; nobody asked for the graph.
    }
  }
}
