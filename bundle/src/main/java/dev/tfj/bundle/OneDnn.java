package dev.tfj.bundle;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Switches on TensorFlow's oneDNN CPU kernels, which the TensorFlow Java 1.1.0 natives leave off unless
 * {@value #VARIABLE} is 1 in the environment when the process creates its first session.
 *
 * <p>Measured on the 2-core development machine: LeNet-5 inference at batch 64 fell from about 115 to 40 µs
 * of CPU per image, and training went from 5,400 to 8,400 images/s. Java cannot change its own environment,
 * so this calls libc's {@code setenv} through JNA; call {@link #enableUnlessSet()} before anything touches
 * TensorFlow. A value the user set (0 turns oneDNN off) is left alone.
 */
public final class OneDnn {

  /** TensorFlow's switch for its oneDNN graph rewrites and kernels. */
  public static final String VARIABLE = "TF_ENABLE_ONEDNN_OPTS";

  /**
   * TensorFlow's switch that keeps it from caching oneDNN primitives it expects to hold large buffers; on by
   * default, and for convolution filter gradients it applies whatever the shape.
   */
  public static final String PRIMITIVE_MEMORY_SAVING = "TF_MKL_OPTIMIZE_PRIMITIVE_MEMUSE";

  /** The variables this process has already set (or found set): each is looked at once. */
  private static final Set<String> APPLIED = new HashSet<>();

  private OneDnn() {}

  interface LibC extends Library {
    String getenv(String name);

    int setenv(String name, String value, int overwrite);
  }

  private static final class Holder {
    static final LibC LIBC = Native.load("c", LibC.class);
  }

  /**
   * Sets {@value #VARIABLE}=1 in this process's native environment unless it is already set; effective
   * only before TensorFlow's first session. Never throws: without libc the default stays.
   */
  public static void enableUnlessSet() {
    setOnce(VARIABLE, "1");
  }

  /**
   * Lets TensorFlow cache the oneDNN primitives of convolution filter gradients ({@value #PRIMITIVE_MEMORY_SAVING}
   * =false) unless the variable is already set; effective only before the process's first convolution gradient.
   * With TensorFlow's default every {@code Conv2DBackpropFilter} builds its primitive again, choosing kernels
   * and blocking from scratch, on every training step: 7% of a LeNet-5 step's CPU samples (perf), where
   * executing the gradient itself took 1%. Training small convolutional models holds a few such primitives, of
   * kilobytes. Never throws.
   */
  public static void cacheGradientPrimitivesUnlessSet() {
    setOnce(PRIMITIVE_MEMORY_SAVING, "false");
  }

  private static synchronized void setOnce(String name, String value) {
    if (APPLIED.add(name)) {
      setIfAbsent(name, value);
    }
  }

  /** Whether TensorFlow will see oneDNN switched on, as far as the native environment tells. */
  public static boolean enabled() {
    String value = nativeGetenv(VARIABLE);
    return value != null && (value.equals("1") || value.equalsIgnoreCase("true"));
  }

  /** Sets a native environment variable unless it has a value; false where libc is not reachable. */
  static boolean setIfAbsent(String name, String value) {
    try {
      if (Holder.LIBC.getenv(name) == null && Holder.LIBC.setenv(name, value, 0) != 0) {
        log().debug("setenv({}) failed", name);
        return false;
      }
      return true;
    } catch (LinkageError e) {
      log().debug("no libc through JNA, {} left as it is: {}", name, e.toString());
      return false;
    }
  }

  /** Looked up when needed: a logger made before the CLI has configured logging would fix its settings. */
  private static Logger log() {
    return LoggerFactory.getLogger(OneDnn.class);
  }

  /** The native environment's value, which {@link System#getenv} (a copy made at start-up) does not see. */
  static String nativeGetenv(String name) {
    try {
      return Holder.LIBC.getenv(name);
    } catch (LinkageError e) {
      return System.getenv(name);
    }
  }
}
