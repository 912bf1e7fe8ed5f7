package dev.tfj.server.predict;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Merges concurrent calls to one signature of one model version into single session runs.
 *
 * <p>A call that finds no other call in the batcher runs at once on its own thread: no queue, no wait.
 * Calls that arrive while others are in flight are queued; one worker thread takes the oldest, adds the
 * calls queued behind it with the same row shapes up to {@code maxBatchSize} rows, runs them as one batch
 * and splits the outputs back by rows. If fewer calls are queued than the previous batch held, the
 * worker waits for more, but no longer than the timeout counted from the first call's arrival: under a
 * steady load of N callers, batches fill to N and run without waiting for the timeout.
 */
final class Batcher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Batcher.class);

  private record Call(
      Map<String, HostTensor> inputs,
      long rows,
      String rowShapes,
      long arrived,
      CompletableFuture<Map<String, HostTensor>> result) {}

  /** Told about each session run: calls answered and rows. */
  @FunctionalInterface
  interface RunObserver {
    void ran(int calls, long rows);
  }

  private final LoadedModel model;
  private final SignatureSpec sig;
  private final BatchingConfig config;
  private final RunObserver onRun;
  private final LinkedBlockingDeque<Call> queue = new LinkedBlockingDeque<>();
  private final AtomicInteger active = new AtomicInteger();
  private final Thread worker;
  private volatile boolean running = true;
  private int lastBatchCalls = 1;

  Batcher(LoadedModel model, SignatureSpec sig, BatchingConfig config, String threadName, RunObserver onRun) {
    this.model = model;
    this.sig = sig;
    this.config = config;
    this.onRun = onRun;
    this.worker = new Thread(this::loop, threadName);
    worker.setDaemon(true);
    worker.start();
  }

  /** Runs one validated call of {@code rows} rows, alone or merged with others, and returns its outputs. */
  Map<String, HostTensor> call(Map<String, HostTensor> inputs, long rows) {
    if (!running) {
      throw new UnavailableException("the model version is unloading");
    }
    try {
      if (active.getAndIncrement() == 0) {
        Map<String, HostTensor> outputs = model.run(sig, inputs);
        onRun.ran(1, rows);
        return outputs;
      }
      return await(enqueue(inputs, rows));
    } finally {
      active.decrementAndGet();
    }
  }

  private CompletableFuture<Map<String, HostTensor>> enqueue(Map<String, HostTensor> inputs, long rows) {
    StringBuilder shapes = new StringBuilder();
    inputs.forEach((name, t) -> shapes.append(name).append(Arrays.toString(t.rowShape())));
    Call call = new Call(inputs, rows, shapes.toString(), System.nanoTime(), new CompletableFuture<>());
    queue.add(call);
    if (!running && queue.remove(call)) {
      throw new UnavailableException("the model version is unloading");
    }
    return call.result;
  }

  private static Map<String, HostTensor> await(CompletableFuture<Map<String, HostTensor>> result) {
    try {
      return result.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnavailableException("interrupted while waiting for the model");
    }
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
    long deadline = first.arrived + config.timeout().toNanos();
    while (rows < config.maxBatchSize()) {
      Call next = queue.pollFirst();
      if (next == null) {
        long remaining = deadline - System.nanoTime();
        if (batch.size() >= lastBatchCalls || remaining <= 0) {
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
    lastBatchCalls = batch.size();
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
    if (outputs.values().stream().anyMatch(t -> t.shape().length == 0 || t.rows() != total)) {
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
