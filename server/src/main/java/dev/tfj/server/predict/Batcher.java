package dev.tfj.server.predict;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Merges concurrent calls to one signature of one model version into single session runs. One worker
 * thread takes the oldest waiting call, adds the calls behind it with the same row shapes up to
 * {@code maxBatchSize} rows, runs them as one batch and splits the outputs back by rows.
 *
 * <p>A call that arrives after a quiet period (the previous run answered one call, nothing is queued)
 * runs at once; once concurrent calls have been seen, a batch waits up to the timeout, counted from its
 * first call's arrival, for more. Calls that queue while a run is under way join the next run without
 * any wait.
 */
final class Batcher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Batcher.class);

  private record Call(
      Map<String, HostTensor> inputs, long rows, String rowShapes, long arrived, CompletableFuture<Map<String, HostTensor>> result) {}

  private final LoadedModel model;
  private final SignatureSpec sig;
  private final BatchingConfig config;
  private final RunObserver onRun;
  private final LinkedBlockingDeque<Call> queue = new LinkedBlockingDeque<>();
  private final Thread worker;
  private volatile boolean running = true;
  private int lastRunCalls = 1;

  /** Told about each session run: calls answered and rows. */
  @FunctionalInterface
  interface RunObserver {
    void ran(int calls, long rows);
  }

  Batcher(LoadedModel model, SignatureSpec sig, BatchingConfig config, String threadName, RunObserver onRun) {
    this.model = model;
    this.sig = sig;
    this.config = config;
    this.onRun = onRun;
    this.worker = new Thread(this::loop, threadName);
    worker.setDaemon(true);
    worker.start();
  }

  /** Queues a validated call of {@code rows} rows; the future completes with its own outputs. */
  CompletableFuture<Map<String, HostTensor>> submit(Map<String, HostTensor> inputs, long rows) {
    if (!running) {
      throw new UnavailableException("the model version is unloading");
    }
    StringBuilder shapes = new StringBuilder();
    inputs.forEach((name, t) -> shapes.append(name).append(Arrays.toString(t.rowShape())));
    Call call = new Call(inputs, rows, shapes.toString(), System.nanoTime(), new CompletableFuture<>());
    queue.add(call);
    if (!running && queue.remove(call)) {
      throw new UnavailableException("the model version is unloading");
    }
    return call.result;
  }

  private void loop() {
    while (running) {
      try {
        Call first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first != null) {
          execute(collect(first));
        }
      } catch (InterruptedException e) {
        break;
      } catch (RuntimeException e) {
        LOG.error("batch worker for signature '{}' failed", sig.key(), e);
      }
    }
    Call left;
    while ((left = queue.poll()) != null) {
      left.result.completeExceptionally(new UnavailableException("the model version is unloading"));
    }
  }

  private List<Call> collect(Call first) throws InterruptedException {
    List<Call> batch = new ArrayList<>();
    batch.add(first);
    long rows = first.rows;
    boolean wait = lastRunCalls > 1 || !queue.isEmpty();
    long deadline = first.arrived + config.timeout().toNanos();
    while (rows < config.maxBatchSize()) {
      Call next = queue.pollFirst();
      if (next == null) {
        long remaining = deadline - System.nanoTime();
        if (!wait || remaining <= 0) {
          break;
        }
        next = queue.pollFirst(remaining, TimeUnit.NANOSECONDS);
        if (next == null) {
          break;
        }
      }
      if (!next.rowShapes.equals(first.rowShapes) || rows + next.rows > config.maxBatchSize()) {
        queue.offerFirst(next);
        break;
      }
      batch.add(next);
      rows += next.rows;
    }
    lastRunCalls = batch.size();
    return batch;
  }

  private void execute(List<Call> batch) {
    if (batch.size() == 1) {
      runAlone(batch.get(0));
      return;
    }
    Map<String, HostTensor> merged = new LinkedHashMap<>();
    for (String name : sig.inputs().keySet()) {
      merged.put(name, HostTensor.concat(batch.stream().map(c -> c.inputs.get(name)).toList()));
    }
    long total = batch.stream().mapToLong(Call::rows).sum();
    Map<String, HostTensor> outputs;
    try {
      outputs = model.run(sig, merged);
    } catch (InvalidInputException e) {
      batch.forEach(this::runAlone); // one bad call must not fail the others
      return;
    } catch (RuntimeException e) {
      batch.forEach(c -> c.result.completeExceptionally(e));
      return;
    }
    onRun.ran(batch.size(), total);
    if (outputs.values().stream().anyMatch(t -> t.rows() != total || t.shape().length == 0)) {
      batch.forEach(this::runAlone); // outputs not aligned with the batch: cannot split
      return;
    }
    int from = 0;
    for (Call call : batch) {
      int to = from + (int) call.rows;
      Map<String, HostTensor> own = new LinkedHashMap<>();
      for (Map.Entry<String, HostTensor> out : outputs.entrySet()) {
        own.put(out.getKey(), out.getValue().rows(from, to));
      }
      call.result.complete(own);
      from = to;
    }
  }

  private void runAlone(Call call) {
    try {
      Map<String, HostTensor> outputs = model.run(sig, call.inputs);
      onRun.ran(1, call.rows);
      call.result.complete(outputs);
    } catch (RuntimeException e) {
      call.result.completeExceptionally(e);
    }
  }

  @Override
  public void close() {
    running = false;
    worker.interrupt();
    try {
      worker.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
