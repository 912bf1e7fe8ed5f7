package dev.tfj.inference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Merges concurrent calls to one signature of one model version into single session runs, with no thread
 * of its own ("leader" batching).
 *
 * <p>Every call joins a queue, then tries to become a leader. A leader takes the oldest queued call and
 * the calls queued behind it with the same row shapes, up to {@code maxBatchSize} rows, runs them as one
 * batch on its own thread, splits the outputs back by rows and wakes their callers; then it steps down and
 * wakes the caller now at the head of the queue, which leads the next batch. Calls that arrive while batches
 * run simply wait in the queue, so under a steady load of N callers batches fill to about N without anyone
 * sleeping for a timeout, and a call that finds a free leader slot and an empty queue runs at once on its own
 * thread. There is no hand-off to a worker thread: one context switch per waiting caller, none for a leader.
 *
 * <p>Up to one leader per core runs at a time (TF Serving's {@code num_batch_threads}): serving sessions run
 * their ops on the calling thread, so a single leader would leave every other core idle under load.
 */
final class Batcher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Batcher.class);
  private static final int MAX_LEADERS = Math.max(1, Runtime.getRuntime().availableProcessors());
  /** A parked caller re-checks after this long even if no wake-up came: a safety net, not a wait. */
  private static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
  /** How often a leader waiting out a batch timeout looks for new calls. */
  private static final long WAIT_STEP_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

  private static final class Call {
    final Map<String, HostTensor> inputs;
    final long rows;
    final String rowShapes;
    final Thread caller = Thread.currentThread();
    volatile boolean done;
    Map<String, HostTensor> outputs;
    RuntimeException failure;

    Call(Map<String, HostTensor> inputs, long rows, String rowShapes) {
      this.inputs = inputs;
      this.rows = rows;
      this.rowShapes = rowShapes;
    }

    void complete(Map<String, HostTensor> result) {
      outputs = result;
      done = true;
      LockSupport.unpark(caller);
    }

    void fail(RuntimeException e) {
      failure = e;
      done = true;
      LockSupport.unpark(caller);
    }
  }

  /** Told about each session run: calls answered and rows. */
  @FunctionalInterface
  interface RunObserver {
    void ran(int calls, long rows);
  }

  private final LoadedModel model;
  private final SignatureSpec sig;
  private final BatchingConfig config;
  private final RunObserver onRun;
  private final ConcurrentLinkedDeque<Call> queue = new ConcurrentLinkedDeque<>();
  private final AtomicInteger leaders = new AtomicInteger();
  private volatile boolean running = true;

  Batcher(LoadedModel model, SignatureSpec sig, BatchingConfig config, String threadName, RunObserver onRun) {
    this.model = model;
    this.sig = sig;
    this.config = config;
    this.onRun = onRun;
  }

  /** Runs one validated call of {@code rows} rows, alone or merged with others, and returns its outputs. */
  Map<String, HostTensor> call(Map<String, HostTensor> inputs, long rows) {
    if (!running) {
      throw new UnavailableException("the model version is unloading");
    }
    if (queue.isEmpty() && tryLead()) {
      // the model is idle: run at once, no queue
      try {
        Map<String, HostTensor> outputs = model.run(sig, inputs);
        onRun.ran(1, rows);
        return outputs;
      } finally {
        stepDown();
      }
    }
    Call call = new Call(inputs, rows, rowShapes(inputs));
    queue.add(call);
    boolean interrupted = false;
    while (!call.done) {
      if (tryLead()) {
        try {
          lead();
        } finally {
          stepDown();
        }
      } else {
        LockSupport.parkNanos(this, RECHECK_NANOS);
        interrupted |= Thread.interrupted();
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (call.failure != null) {
      throw call.failure;
    }
    return call.outputs;
  }

  private boolean tryLead() {
    for (int n = leaders.get(); n < MAX_LEADERS; n = leaders.get()) {
      if (leaders.compareAndSet(n, n + 1)) {
        return true;
      }
    }
    return false;
  }

  private void stepDown() {
    leaders.decrementAndGet();
    Call next = queue.peekFirst();
    if (next != null) {
      LockSupport.unpark(next.caller); // it becomes the next leader, or finds someone else already is
    }
  }

  /**
   * Calls left queued behind a batch just taken wait for a leader slot; if one is free, the new head of the
   * queue is woken to take it. Without this, two leaders stepping down together both wake the same head,
   * and a core idles until the next step-down.
   */
  private void wakeNextIfSlotFree() {
    if (leaders.get() < MAX_LEADERS) {
      Call next = queue.peekFirst();
      if (next != null) {
        LockSupport.unpark(next.caller);
      }
    }
  }

  private static String rowShapes(Map<String, HostTensor> inputs) {
    StringBuilder shapes = new StringBuilder();
    inputs.forEach((name, t) -> shapes.append(name).append(Arrays.toString(t.rowShape())));
    return shapes.toString();
  }

  /** Runs one batch of the oldest queued calls; called by the leader only. */
  private void lead() {
    List<Call> batch = collect();
    if (batch.isEmpty()) {
      return;
    }
    wakeNextIfSlotFree();
    try {
      execute(batch);
    } catch (RuntimeException e) {
      LOG.error("batch for signature '{}' failed", sig.key(), e);
      batch.forEach(c -> {
        if (!c.done) {
          c.fail(e);
        }
      });
    }
  }

  private List<Call> collect() {
    List<Call> batch = new ArrayList<>();
    Call first = queue.pollFirst();
    if (first == null) {
      return batch;
    }
    batch.add(first);
    long rows = first.rows;
    long deadline = System.nanoTime() + config.timeout().toNanos();
    while (rows < config.maxBatchSize()) {
      Call next = queue.pollFirst();
      if (next == null) {
        if (System.nanoTime() >= deadline) {
          break;
        }
        LockSupport.parkNanos(WAIT_STEP_NANOS);
        continue;
      }
      if (!next.rowShapes.equals(first.rowShapes) || rows + next.rows > config.maxBatchSize()) {
        queue.offerFirst(next);
        break;
      }
      batch.add(next);
      rows += next.rows;
    }
    return batch;
  }

  private void execute(List<Call> batch) {
    if (batch.size() == 1) {
      runAlone(batch.get(0));
      return;
    }
    Map<String, HostTensor> merged = new LinkedHashMap<>();
    for (String name : sig.inputs().keySet()) {
      List<HostTensor> parts = new ArrayList<>(batch.size());
      for (Call c : batch) {
        parts.add(c.inputs.get(name));
      }
      merged.put(name, HostTensor.concat(parts));
    }
    long total = 0;
    for (Call c : batch) {
      total += c.rows;
    }
    Map<String, HostTensor> outputs;
    try {
      outputs = model.run(sig, merged);
    } catch (InvalidInputException e) {
      batch.forEach(this::runAlone); // one bad call must not fail the others
      return;
    } catch (RuntimeException e) {
      batch.forEach(c -> c.fail(e));
      return;
    }
    onRun.ran(batch.size(), total);
    for (HostTensor t : outputs.values()) {
      if (t.shape().length == 0 || t.rows() != total) {
        batch.forEach(this::runAlone); // outputs not aligned with the batch: cannot split
        return;
      }
    }
    int from = 0;
    for (Call call : batch) {
      int to = from + (int) call.rows;
      Map<String, HostTensor> own = new LinkedHashMap<>();
      for (Map.Entry<String, HostTensor> out : outputs.entrySet()) {
        own.put(out.getKey(), out.getValue().rows(from, to));
      }
      call.complete(own);
      from = to;
    }
  }

  private void runAlone(Call call) {
    try {
      Map<String, HostTensor> outputs = model.run(sig, call.inputs);
      onRun.ran(1, call.rows);
      call.complete(outputs);
    } catch (RuntimeException e) {
      call.fail(e);
    }
  }

  /** Refuses new calls; calls already queued are still answered by their callers. */
  @Override
  public void close() {
    running = false;
  }
}
