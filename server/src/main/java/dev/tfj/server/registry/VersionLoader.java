package dev.tfj.server.registry;

import dev.tfj.bundle.ModelLayout;
import dev.tfj.inference.BatchListener;
import dev.tfj.inference.LoadedModel;
import dev.tfj.inference.Predictor;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Loads a version directory and warms it up; the version is AVAILABLE only if both succeed. */
final class VersionLoader {

  private static final Logger LOG = LoggerFactory.getLogger(VersionLoader.class);

  private final RegistryConfig config;
  private final BatchListener listener;

  VersionLoader(RegistryConfig config, BatchListener listener) {
    this.config = config;
    this.listener = listener;
  }

  void load(String model, ModelVersion version, java.nio.file.Path dir) {
    long started = System.nanoTime();
    if (!ModelLayout.isSavedModel(dir)) {
      fail(model, version, "NOT_FOUND", "Could not find SavedModel .pb at supplied export directory path: " + dir);
      return;
    }
    LoadedModel loaded = null;
    try {
      loaded = LoadedModel.load(dir, config.threads());
      loaded.warmUp();
      version.available(new Predictor(loaded, model, version.version(), config.batching(), listener));
      LOG.info(
          "model {} version {} is AVAILABLE (loaded and warmed up in {} ms)",
          model, version.version(), (System.nanoTime() - started) / 1_000_000);
    } catch (RuntimeException | LinkageError e) {
      if (loaded != null) {
        loaded.close();
      }
      fail(model, version, errorCode(e), message(e));
    }
  }

  private static void fail(String model, ModelVersion version, String code, String message) {
    version.failed(code, message);
    LOG.warn("model {} version {} failed to load: {}: {}", model, version.version(), code, message);
  }

  /**
   * TF Java's exception class names carry the status code: TFInvalidArgumentException is INVALID_ARGUMENT. The
   * inference library wraps them in a {@code ModelLoadException}, so the code is read from its cause.
   */
  static String errorCode(Throwable e) {
    String name = tensorFlowCause(e).getClass().getSimpleName();
    if (isTensorFlowStatus(name)) {
      String camel = name.substring(2, name.length() - "Exception".length());
      return camel.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }
    return "UNKNOWN";
  }

  /** TensorFlow's own message where there is one, as TF Serving reports it. */
  private static String message(Throwable e) {
    Throwable cause = tensorFlowCause(e);
    String m = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage().strip();
    return m.length() > 2000 ? m.substring(0, 2000) + "..." : m;
  }

  /** The first exception TensorFlow itself threw, or the failure itself. */
  private static Throwable tensorFlowCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getClass().getName().startsWith("org.tensorflow.")) {
        return t;
      }
    }
    return e;
  }

  private static boolean isTensorFlowStatus(String name) {
    return name.startsWith("TF") && name.endsWith("Exception") && name.length() > "TFException".length();
  }
}
