package dev.tfj.server.predict;

/**
 * Thread pools of a TensorFlow session: intra-op threads split one kernel, inter-op threads run
 * independent kernels side by side. Zero lets TensorFlow choose.
 */
public record SessionThreads(int intraOp, int interOp) {

  public SessionThreads {
    if (intraOp < 0 || interOp < 0) {
      throw new IllegalArgumentException("thread counts must be >= 0");
    }
  }

  /** All cores within a kernel, and at most two kernels at once: small graphs are chains of ops. */
  public static SessionThreads defaults() {
    int cores = Runtime.getRuntime().availableProcessors();
    return new SessionThreads(cores, Math.min(2, cores));
  }
}
