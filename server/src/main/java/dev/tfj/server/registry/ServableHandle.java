package dev.tfj.server.registry;

import dev.tfj.inference.Predictor;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A claim on one serving model version: while it is open the version is not closed. Close it when the
 * request is done, with try-with-resources.
 */
public final class ServableHandle implements AutoCloseable {

  private final String model;
  private final ModelVersion version;
  private final Predictor predictor;
  private final Executor closer;
  private final AtomicBoolean released = new AtomicBoolean();

  ServableHandle(String model, ModelVersion version, Predictor predictor, Executor closer) {
    this.model = model;
    this.version = version;
    this.predictor = predictor;
    this.closer = closer;
  }

  /** The model's name. */
  public String model() {
    return model;
  }

  /** The version number. */
  public long version() {
    return version.version();
  }

  /** The version's predictor, valid until this handle is closed. */
  public Predictor predictor() {
    return predictor;
  }

  @Override
  public void close() {
    if (released.compareAndSet(false, true)) {
      version.release(closer);
    }
  }
}
