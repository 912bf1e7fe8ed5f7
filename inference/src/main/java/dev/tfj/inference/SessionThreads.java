package dev.tfj.inference;

/**
 * Thread pools of a TensorFlow session: intra-op threads split one kernel, inter-op threads run
 * independent kernels side by side. Zero lets TensorFlow choose; an inter-op count of -1 runs the ops on
 * the thread that calls the session, with no pool.
 */
public record SessionThreads(int intraOp, int interOp) {

  public SessionThreads {
    if (intraOp < 0 || interOp < -1) {
      throw new IllegalArgumentException("thread counts must be >= 0 (inter-op: -1 for the caller's thread)");
    }
  }

  /** All cores within a kernel, and at most two kernels at once: small graphs are chains of ops. */
  public static SessionThreads defaults() {
    int cores = Runtime.getRuntime().availableProcessors();
    return new SessionThreads(cores, Math.min(2, cores));
  }

  /**
   * For serving small batches to many concurrent callers: each run on its caller's thread, one thread per
   * kernel, so no hand-off to pool threads that spin while they wait. On two shared cores this cut a batch-1
   * run from about 0.25 to 0.20 ms and from about 300 to 200 µs of CPU, and one-image HTTP p50 from about
   * 0.45 to 0.35 ms (docs/serving.md, Benchmark).
   */
  public static SessionThreads serving() {
    return new SessionThreads(1, -1);
  }
}
