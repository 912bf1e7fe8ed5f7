package dev.tfj.inference;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers predict calls on one loaded model version: validates inputs against the signature, then runs
 * them, merged with concurrent calls where the signature is batched along its first dimension.
 */
public final class Predictor implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Predictor.class);

  private final LoadedModel model;
  private final String modelName;
  private final long version;
  private final BatchingConfig batching;
  private final BatchListener listener;
  private final Map<String, Batcher> batchers = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /** A predictor for one version of a named model; the listener hears about every session run. */
  public Predictor(LoadedModel model, String modelName, long version, BatchingConfig batching, BatchListener listener) {
    this.model = model;
    this.modelName = modelName;
    this.version = version;
    this.batching = batching;
    this.listener = listener;
  }

  /** A predictor that never merges calls, for one-off use such as batch evaluation. */
  public static Predictor unbatched(LoadedModel model) {
    return new Predictor(model, model.dir().toString(), 0, BatchingConfig.disabled(), BatchListener.none());
  }

  /** The loaded model. */
  public LoadedModel model() {
    return model;
  }

  /** The model's name in the registry. */
  public String modelName() {
    return modelName;
  }

  /** The version number. */
  public long version() {
    return version;
  }

  /**
   * The signature with this key, or the default signature for null or empty; throws
   * {@link InvalidInputException} when there is none.
   */
  public SignatureSpec signature(String key) {
    return model.signature(key);
  }

  /** Resolves the request's signature, then validates and runs the call. */
  public PredictResult predict(PredictRequest request) {
    return predict(signature(request.signatureName()), request.inputs());
  }

  /**
   * Validates and runs one call of a signature already resolved by {@link #signature(String)}, for callers
   * that resolved it while decoding the request (to decode straight into its dtypes).
   */
  public PredictResult predict(SignatureSpec sig, Map<String, HostTensor> inputs) {
    if (model.signatures().get(sig.key()) != sig) {
      throw new IllegalArgumentException("signature '" + sig.key() + "' is not one of this model's");
    }
    PredictRequest request = new PredictRequest(sig.key(), inputs);
    long rows = InputValidation.check(sig, request.inputs());
    if (closed) {
      throw new UnavailableException("model " + modelName + " version " + version + " is unloading");
    }
    if (batching.enabled() && sig.batchable() && rows > 0 && rows < batching.maxBatchSize()) {
      return new PredictResult(sig, batcher(sig).call(request.inputs(), rows));
    }
    Map<String, HostTensor> outputs = model.run(sig, request.inputs());
    listener.onRun(modelName, version, sig.key(), 1, Math.max(rows, 1));
    return new PredictResult(sig, outputs);
  }

  /**
   * The distinct batch sizes (rows, padding included) the session has run merged calls with, per signature
   * key: a bounded set, the {@link BatchSizes} of the batching config, whatever sizes the callers sent.
   */
  public Map<String, Set<Long>> sessionBatchSizes() {
    Map<String, Set<Long>> sizes = new TreeMap<>();
    batchers.forEach((key, b) -> sizes.put(key, b.batchSizesRun()));
    return sizes;
  }

  private Batcher batcher(SignatureSpec sig) {
    return batchers.computeIfAbsent(
        sig.key(),
        key -> new Batcher(
            model,
            sig,
            batching,
            "tfj-batch-" + modelName + "-" + version + "-" + key,
            (calls, rows) -> listener.onRun(modelName, version, key, calls, rows)));
  }

  /** Stops the batch workers and closes the model; callers make sure no call is in flight. */
  @Override
  public void close() {
    closed = true;
    batchers.values().forEach(Batcher::close);
    batchers.clear();
    model.close();
    LOG.debug("closed {} version {}", modelName, version);
  }
}
