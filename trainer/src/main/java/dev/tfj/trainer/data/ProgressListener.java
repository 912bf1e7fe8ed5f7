package dev.tfj.trainer.data;

/**
 * Hears how a download advances, so a command line can draw a progress bar; the library itself never prints. Each
 * transfer attempt is one {@code start}, any number of {@code advance}, then one {@code done}, whether the attempt
 * succeeded or not (a failed attempt may be followed by another from the next mirror).
 */
public interface ProgressListener {

  /** A listener that ignores everything. */
  ProgressListener NONE = new ProgressListener() {};

  /** A transfer of {@code fileName} begins; {@code totalBytes} is -1 when the size is unknown. */
  default void start(String fileName, long totalBytes) {}

  /** {@code bytes} more bytes arrived. */
  default void advance(long bytes) {}

  /** The transfer begun by the last {@code start} ended. */
  default void done() {}
}
