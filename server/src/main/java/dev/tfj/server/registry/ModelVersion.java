package dev.tfj.server.registry;

import dev.tfj.inference.Predictor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One version of a model and its life: loading, serving while counting the requests in flight, and
 * unloading only after the last of them is done.
 */
final class ModelVersion {

  private static final Logger LOG = LoggerFactory.getLogger(ModelVersion.class);

  private final String model;
  private final long version;
  private final Path dir;
  private final VersionFingerprint fingerprint;
  private final CountDownLatch ended = new CountDownLatch(1);
  private ModelState state = ModelState.LOADING;
  private String errorCode = "OK";
  private String errorMessage = "";
  private Predictor predictor;
  private int inFlight;
  private boolean closing;

  ModelVersion(String model, long version, Path dir, VersionFingerprint fingerprint) {
    this.model = model;
    this.version = version;
    this.dir = dir;
    this.fingerprint = fingerprint;
  }

  long version() {
    return version;
  }

  VersionFingerprint fingerprint() {
    return fingerprint;
  }

  synchronized ModelState state() {
    return state;
  }

  synchronized VersionStatus status() {
    return new VersionStatus(model, version, state, errorCode, errorMessage, dir);
  }

  synchronized void available(Predictor loaded) {
    predictor = loaded;
    state = ModelState.AVAILABLE;
  }

  synchronized void failed(String code, String message) {
    state = ModelState.ERROR;
    errorCode = code;
    errorMessage = message;
    ended.countDown();
  }

  /** The predictor, counted as one more request in flight; null unless the version is serving. */
  synchronized Predictor tryAcquire() {
    if (state != ModelState.AVAILABLE) {
      return null;
    }
    inFlight++;
    return predictor;
  }

  /** Ends one request; the last one out of an unloading version closes it. */
  void release(Executor closer) {
    boolean close;
    synchronized (this) {
      inFlight--;
      close = state == ModelState.UNLOADING && inFlight == 0 && !closing;
      closing |= close;
    }
    if (close) {
      closer.execute(this::finish);
    }
  }

  /** Stops giving out the version; it closes at once if idle, else when its last request ends. */
  void unload(Executor closer) {
    boolean close;
    synchronized (this) {
      if (state != ModelState.AVAILABLE) {
        return;
      }
      state = ModelState.UNLOADING;
      close = inFlight == 0;
      closing |= close;
    }
    LOG.info("model {} version {} is UNLOADING", model, version);
    if (close) {
      closer.execute(this::finish);
    }
  }

  /** Waits for the version to end; after the timeout it is closed anyway. */
  void awaitEnd(Duration timeout) {
    try {
      if (!ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("model {} version {} still had requests in flight after {}; closing it", model, version, timeout);
        finish();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void finish() {
    Predictor closingPredictor;
    synchronized (this) {
      closingPredictor = predictor;
      predictor = null;
    }
    try {
      if (closingPredictor != null) {
        closingPredictor.close();
      }
    } catch (RuntimeException e) {
      LOG.warn("closing model {} version {} failed", model, version, e);
    }
    synchronized (this) {
      if (state == ModelState.UNLOADING) {
        state = ModelState.END;
      }
    }
    ended.countDown();
    LOG.info("model {} version {} is END", model, version);
  }
}
