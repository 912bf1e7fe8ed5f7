package dev.tfj.trainer.train;

/** Training on a GPU was asked for, but TensorFlow cannot place an op on one. */
public final class GpuUnavailableException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  private final String reason;

  /** No GPU, for {@code reason} (e.g. "these are TensorFlow's CPU-only natives"). */
  public GpuUnavailableException(String reason, Throwable cause) {
    super("TensorFlow sees no GPU (" + reason + "). Build with the GPU natives (./mvnw -Pgpu package) on a machine"
        + " with an NVIDIA GPU, CUDA 12 and cuDNN 9, or train on the CPU.", cause);
    this.reason = reason;
  }

  /** Why no GPU is visible, in a few words. */
  public String reason() {
    return reason;
  }
}
