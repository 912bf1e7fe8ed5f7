package dev.tfj.inference;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Merges concurrent calls to one signature of one model version into single session runs, on a fixed, small
 * set of session threads of its own (TF Serving's {@code num_batch_threads}: one per core).
 *
 * <p>Callers queue their call and park. A free session thread takes the oldest queued call and, unless another
 * session thread is free to take the next one, the calls queued behind it with the same row shapes, up to
 * {@code maxBatchSize} rows (so idle cores are used first, then batches fill), pads the merged batch with rows
 * of zeros up to the next {@link BatchSizes allowed size}, runs it, splits the outputs back by rows (dropping
 * the padding) and wakes the callers. Calls that arrive while batches run wait in the queue, so under a steady
 * load of N callers batches fill to about N without anyone sleeping for a timeout; a call that finds the model
 * idle runs at once.
 *
 * <p>A call that finds the model idle (nothing queued or running) runs on its own thread, padded the same way,
 * when that thread holds one of {@link #INLINE_THREADS} (one per core) places allowed to run this signature's
 * sessions: a lone client then pays no hand-off to a session thread and back (two wake-ups, 0.1–0.3 ms on a
 * busy two-core machine). The first threads to ask get the places; a place whose thread has run no call for
 * {@link #INLINE_IDLE_HANDOVER} goes to the next thread that finds the model idle, because an HTTP server
 * serves one client's requests on a few threads of its pool, rarely the ones that took the places under an
 * earlier load (measured: a lone wrk connection's calls came on six pool threads, two of them carrying 70%).
 * Other threads queue as above.
 *
 * <p>Why threads of its own rather than running sessions on the callers' (HTTP) threads: serving sessions run
 * their ops on the calling thread, and TensorFlow and oneDNN keep per-thread scratch and caches, so with
 * every one of a server's hundreds of request threads running sessions, memory grew with the thread count.
 * The threads that run sessions are therefore a fixed, small set: the session threads and the few request
 * threads allowed to run lone calls. Why padding: the same caches are kept per input shape, and unpadded
 * batches came in every size from 1 up.
 */
final class Batcher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Batcher.class);
  /** Session threads per batched signature. */
  static final int SESSION_THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());
  /** A parked caller re-checks after this long even if no wake-up came: a safety net, not a wait. */
  private static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  private static final Call STOP = new Call(Map.of(), 0, "", false);
  /** Request threads per batched signature allowed to run a lone call themselves. */
  static final int INLINE_THREADS = SESSION_THREADS;
  /** How long a request thread's place to run lone calls stays its own without use. */
  static final Duration INLINE_IDLE_HANDOVER = Duration.ofMillis(500);

  private static final class Call {
    final Map<String, HostTensor> inputs;
    final long rows;
    final String rowShapes;
    /** Queued when nothing else was queued or running: no batch timeout applies. */
    final boolean foundIdle;
    final Thread caller = Thread.currentThread();
    volatile boolean done;
    Map<String, HostTensor> outputs;
    RuntimeException failure;

    Call(Map<String, HostTensor> inputs, long rows, String rowShapes, boolean foundIdle) {
      this.inputs = inputs;
      this.rows = rows;
      this.rowShapes = rowShapes;
      this.foundIdle = foundIdle;
    }

    void complete(Map<String, HostTensor> result) {
      outputs = result;
      finish();
    }

    void fail(RuntimeException e) {
      failure = e;
      finish();
    }

    private void finish() {
      done = true;
      if (caller != Thread.currentThread()) { // not a call run on its own thread
        LockSupport.unpark(caller);
      }
    }

    /** The outputs of a finished call, or its failure thrown. */
    Map<String, HostTensor> outcome() {
      if (failure != null) {
        throw failure;
      }
      return outputs;
    }
  }

  /** Told about each session run: calls answered and rows (padding not counted). */
  @FunctionalInterface
  interface RunObserver {
    void ran(int calls, long rows);
  }

  private final LoadedModel model;
  private final SignatureSpec sig;
  private final BatchingConfig config;
  private final BatchSizes sizes;
  private final RunObserver onRun;
  private final LinkedBlockingDeque<Call> queue = new LinkedBlockingDeque<>();
  private final AtomicInteger busy = new AtomicInteger();
  /** Session threads waiting for a call. */
  private final AtomicInteger idle = new AtomicInteger();
  /**
   * Request threads allowed to run a lone call themselves, with when each last did (see {@link
   * #mayRunSessions}).
   */
  private final Map<Thread, Long> inlineThreads = new ConcurrentHashMap<>();
  private final LongSupplier clock;
  private final long handoverNanos;
  private final Set<Long> batchSizesRun = ConcurrentHashMap.newKeySet();
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean running = true;

  Batcher(LoadedModel model, SignatureSpec sig, BatchingConfig config, String threadName, RunObserver onRun) {
    this(model, sig, config, threadName, onRun, System::nanoTime, INLINE_IDLE_HANDOVER);
  }

  /** As above, with {@code clock} (nanoseconds) and {@code handover} deciding when an unused place moves. */
  Batcher(LoadedModel model, SignatureSpec sig, BatchingConfig config, String threadName, RunObserver onRun,
      LongSupplier clock, Duration handover) {
    this.clock = clock;
    this.handoverNanos = handover.toNanos();
    this.model = model;
    this.sig = sig;
    this.config = config;
    this.sizes = BatchSizes.upTo(config.maxBatchSize());
    this.onRun = onRun;
    for (int i = 0; i < SESSION_THREADS; i++) {
      Thread t = new Thread(this::work, threadName + "-" + i);
      t.setDaemon(true);
      threads.add(t);
    }
    threads.forEach(Thread::start);
  }

  /** Runs one validated call of {@code rows} rows, alone or merged with others, and returns its outputs. */
  Map<String, HostTensor> call(Map<String, HostTensor> inputs, long rows) {
    if (!running) {
      throw new UnavailableException("the model version is unloading");
    }
    boolean foundIdle = idle();
    Call call = new Call(inputs, rows, rowShapes(inputs), foundIdle);
    if (foundIdle && mayRunSessions(call.caller) && busy.compareAndSet(0, 1)) {
      // a lone call on one of the few request threads allowed to run sessions: no hand-off either way
      try {
        execute(List.of(call));
      } catch (RuntimeException e) {
        if (!call.done) {
          call.fail(e);
        }
      } finally {
        busy.decrementAndGet();
      }
      return call.outcome();
    }
    queue.add(call);
    boolean interrupted = false;
    while (!call.done) {
      LockSupport.parkNanos(this, RECHECK_NANOS);
      interrupted |= Thread.interrupted();
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return call.outcome();
  }

  /**
   * Nothing queued and no session running. A session thread counts as running until just after the calls of its
   * batch have their outputs, so a caller that returns and calls again can still find it running.
   */
  boolean idle() {
    return queue.isEmpty() && busy.get() == 0;
  }

  /**
   * True for a thread allowed to run a lone call itself: one holding one of at most {@link #INLINE_THREADS}
   * places, so the request threads running this signature's sessions are at any time a fixed, small set. A
   * thread without a place takes a free one, a dead thread's, or the one unused longest if that has been
   * unused for the hand-over time.
   */
  private boolean mayRunSessions(Thread t) {
    long now = clock.getAsLong();
    if (inlineThreads.replace(t, now) != null) {
      return true;
    }
    synchronized (inlineThreads) {
      if (inlineThreads.size() >= INLINE_THREADS) {
        inlineThreads.keySet().removeIf(th -> !th.isAlive());
      }
      if (inlineThreads.size() >= INLINE_THREADS) {
        Map.Entry<Thread, Long> oldest = null;
        for (Map.Entry<Thread, Long> e : inlineThreads.entrySet()) {
          if (oldest == null || e.getValue() - oldest.getValue() < 0) {
            oldest = e;
          }
        }
        if (oldest == null || now - oldest.getValue() < handoverNanos) {
          return false;
        }
        inlineThreads.remove(oldest.getKey());
      }
      inlineThreads.put(t, now);
      return true;
    }
  }

  /** The distinct batch sizes (padded rows) the session has run with. */
  Set<Long> batchSizesRun() {
    return Set.copyOf(batchSizesRun);
  }

  private static String rowShapes(Map<String, HostTensor> inputs) {
    StringBuilder shapes = new StringBuilder();
    inputs.forEach((name, t) -> shapes.append(name).append(Arrays.toString(t.rowShape())));
    return shapes.toString();
  }

  private void work() {
    while (true) {
      Call first;
      idle.incrementAndGet();
      try {
        first = queue.take();
      } catch (InterruptedException e) {
        return;
      } finally {
        idle.decrementAndGet();
      }
      if (first == STOP) {
        return;
      }
      busy.incrementAndGet();
      try {
        List<Call> batch = collect(first);
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
      } catch (InterruptedException e) {
        return;
      } finally {
        busy.decrementAndGet();
      }
    }
  }

  private List<Call> collect(Call first) throws InterruptedException {
    List<Call> batch = new ArrayList<>();
    batch.add(first);
    long rows = first.rows;
    if (idle.get() > 0) {
      return batch; // another session thread is free: it takes the next call, both cores run
    }
    long deadline = first.foundIdle ? 0 : System.nanoTime() + config.timeout().toNanos();
    while (rows < config.maxBatchSize()) {
      Call next = queue.pollFirst();
      if (next == null) {
        long left = deadline - System.nanoTime();
        if (left <= 0 || (next = queue.pollFirst(left, TimeUnit.NANOSECONDS)) == null) {
          break;
        }
      }
      if (next == STOP || !next.rowShapes.equals(first.rowShapes) || rows + next.rows > config.maxBatchSize()) {
        queue.offerFirst(next);
        break;
      }
      batch.add(next);
      rows += next.rows;
    }
    return batch;
  }

  private void execute(List<Call> batch) {
    long total = 0;
    for (Call c : batch) {
      total += c.rows;
    }
    long padded = sizes.padded(total);
    Map<String, HostTensor> merged;
    if (batch.size() == 1 && padded == total) {
      merged = batch.get(0).inputs;
    } else {
      merged = new LinkedHashMap<>();
      for (String name : sig.inputs().keySet()) {
        List<HostTensor> parts = new ArrayList<>(batch.size() + 1);
        for (Call c : batch) {
          parts.add(c.inputs.get(name));
        }
        if (padded > total) {
          parts.add(parts.get(0).zeroRows(padded - total));
        }
        merged.put(name, HostTensor.concat(parts));
      }
    }
    Map<String, HostTensor> outputs;
    try {
      outputs = model.run(sig, merged);
      batchSizesRun.add(padded);
    } catch (InvalidInputException e) {
      if (batch.size() == 1 && padded == total) {
        batch.get(0).fail(e);
      } else {
        batch.forEach(this::runAlone); // one bad call must not fail the others
      }
      return;
    } catch (RuntimeException e) {
      batch.forEach(c -> c.fail(e));
      return;
    }
    for (HostTensor t : outputs.values()) {
      if (t.shape().length == 0 || t.rows() != padded) {
        batch.forEach(this::runAlone); // outputs not aligned with the batch: cannot split
        return;
      }
    }
    onRun.ran(batch.size(), total);
    if (batch.size() == 1 && padded == total) {
      batch.get(0).complete(outputs);
      return;
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

  /** Runs one call exactly as sent, unpadded: the fallback when a merged run cannot be split or failed. */
  private void runAlone(Call call) {
    try {
      Map<String, HostTensor> outputs = model.run(sig, call.inputs);
      batchSizesRun.add(call.rows);
      onRun.ran(1, call.rows);
      call.complete(outputs);
    } catch (RuntimeException e) {
      call.fail(e);
    }
  }

  /**
   * Refuses new calls; calls already queued are still answered, then the session threads end. Callers make
   * sure no call is in flight before the model closes.
   */
  @Override
  public void close() {
    running = false;
    for (int i = 0; i < threads.size(); i++) {
      queue.addLast(STOP);
    }
  }
}
