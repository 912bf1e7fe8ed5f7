package dev.tfj.inference;

import dev.tfj.bundle.OneDnn;
import dev.tfj.bundle.ServingSignature;
import dev.tfj.inference.warmup.WarmupFile;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.exceptions.TFInvalidArgumentException;
import org.tensorflow.proto.ConfigProto;

/**
 * One SavedModel loaded into a TensorFlow session, any SavedModel with a {@code serve} meta graph. Runs
 * signatures straight through the session with the graph tensor names the signature defs give.
 */
public final class LoadedModel implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LoadedModel.class);

  private final Path dir;
  private final SavedModelBundle bundle;
  private final Map<String, SignatureSpec> signatures;
  private final Map<String, Output<?>> graphOutputs = new HashMap<>();

  private LoadedModel(Path dir, SavedModelBundle bundle) {
    this.dir = dir;
    this.bundle = bundle;
    this.signatures = Signatures.read(bundle.metaGraphDef());
    for (SignatureSpec sig : signatures.values()) {
      if (sig.callable()) {
        sig.inputs().values().forEach(this::resolve);
        sig.outputs().values().forEach(this::resolve);
      }
    }
  }

  /**
   * Loads the SavedModel in {@code dir} with the {@code serve} tag.
   *
   * @throws ModelLoadException when TensorFlow cannot load it
   */
  public static LoadedModel load(Path dir, SessionThreads threads) {
    OneDnn.enableUnlessSet();
    ConfigProto config =
        ConfigProto.newBuilder()
            .setIntraOpParallelismThreads(threads.intraOp())
            .setInterOpParallelismThreads(threads.interOp())
            .setAllowSoftPlacement(true)
            .build();
    SavedModelBundle bundle;
    try {
      bundle = SavedModelBundle.loader(dir.toString()).withTags(ServingSignature.TAG).withConfigProto(config).load();
    } catch (RuntimeException e) {
      throw new ModelLoadException(dir, firstLine(e.getMessage()), e);
    }
    try {
      return new LoadedModel(dir, bundle);
    } catch (RuntimeException e) {
      bundle.close();
      throw e;
    }
  }

  private void resolve(TensorSpec spec) {
    graphOutputs.computeIfAbsent(spec.tensorName(), name -> bundle.graph().outputOrThrow(name));
  }

  /** The directory it was loaded from. */
  public Path dir() {
    return dir;
  }

  /** Every signature in the meta graph by key, including ones that cannot be called (such as init ops). */
  public Map<String, SignatureSpec> signatures() {
    return signatures;
  }

  /** The signature clients get when they name none: {@code serving_default}, or the only callable one. */
  public Optional<SignatureSpec> defaultSignature() {
    SignatureSpec serving = signatures.get(ServingSignature.KEY);
    if (serving != null && serving.callable()) {
      return Optional.of(serving);
    }
    List<SignatureSpec> callable = signatures.values().stream().filter(SignatureSpec::callable).toList();
    return callable.size() == 1 ? Optional.of(callable.get(0)) : Optional.empty();
  }

  /**
   * The signature with this key, or the default signature for null or empty.
   *
   * @throws InvalidInputException when there is none, or it cannot be called
   */
  public SignatureSpec signature(String key) {
    if (key == null || key.isEmpty()) {
      return defaultSignature()
          .orElseThrow(() -> new InvalidInputException(
              "the model has no default signature; name one of " + callableKeys()));
    }
    SignatureSpec sig = signatures.get(key);
    if (sig == null) {
      throw new InvalidInputException(
          "Serving signature name: \"" + key + "\" not found in signature def; the model has " + callableKeys());
    }
    if (!sig.callable()) {
      throw new InvalidInputException("signature '" + key + "' cannot be called; use one of " + callableKeys());
    }
    return sig;
  }

  private List<String> callableKeys() {
    return signatures.values().stream().filter(SignatureSpec::callable).map(SignatureSpec::key).toList();
  }

  /**
   * Runs a signature on already validated inputs and returns all its outputs. TensorFlow's own
   * argument errors become {@link InvalidInputException}.
   */
  public Map<String, HostTensor> run(SignatureSpec sig, Map<String, HostTensor> inputs) {
    List<Tensor> fed = new ArrayList<>(inputs.size());
    try {
      Session.Runner runner = bundle.session().runner();
      for (TensorSpec in : sig.inputs().values()) {
        Tensor t = TensorConversion.toTensor(inputs.get(in.name()));
        fed.add(t);
        runner.feed(graphOutputs.get(in.tensorName()), t);
      }
      for (TensorSpec out : sig.outputs().values()) {
        runner.fetch(graphOutputs.get(out.tensorName()));
      }
      try (Result result = runner.run()) {
        Map<String, HostTensor> outputs = new LinkedHashMap<>();
        int i = 0;
        for (TensorSpec out : sig.outputs().values()) {
          outputs.put(out.name(), TensorConversion.fromTensor(result.get(i++)));
        }
        return outputs;
      }
    } catch (TFInvalidArgumentException e) {
      throw new InvalidInputException(firstLine(e.getMessage()), e);
    } finally {
      fed.forEach(Tensor::close);
    }
  }

  /**
   * Warms the model up so the first real request does not pay for graph optimisation: replays the bundle's
   * TF Serving warm-up file when it has one ({@link WarmupFile}), as TF Serving does, and fails if a request
   * in it fails; otherwise runs every callable signature whose non-batch dimensions are known once on a batch
   * of zeros, failing if the default signature fails.
   */
  public void warmUp() {
    Optional<Path> file = WarmupFile.find(dir);
    if (file.isPresent()) {
      replay(file.get());
      return;
    }
    Optional<SignatureSpec> defaultSig = defaultSignature();
    for (SignatureSpec sig : signatures.values()) {
      Optional<Map<String, HostTensor>> zeros = zeros(sig);
      if (zeros.isEmpty()) {
        continue;
      }
      try {
        run(sig, zeros.get());
      } catch (RuntimeException e) {
        if (defaultSig.isPresent() && defaultSig.get().key().equals(sig.key())) {
          throw new IllegalStateException("warm-up of signature '" + sig.key() + "' failed: " + e.getMessage(), e);
        }
        LOG.warn("{}: warm-up of signature '{}' failed: {}", dir, sig.key(), e.getMessage());
      }
    }
  }

  private void replay(Path file) {
    List<WarmupFile.Request> requests;
    try {
      requests = WarmupFile.read(file);
    } catch (IOException e) {
      throw new IllegalStateException("warm-up file " + file + " cannot be read: " + e.getMessage(), e);
    }
    int n = 0;
    for (WarmupFile.Request request : requests) {
      n++;
      try {
        SignatureSpec sig = signature(request.signatureName());
        InputValidation.check(sig, request.inputs());
        run(sig, request.inputs());
      } catch (InferenceException e) {
        throw new IllegalStateException(
            "warm-up request " + n + " of " + requests.size() + " in " + file + " failed: " + e.getMessage(), e);
      }
    }
    LOG.debug("{}: replayed {} warm-up requests from {}", dir, n, WarmupFile.PATH);
  }

  private static Optional<Map<String, HostTensor>> zeros(SignatureSpec sig) {
    if (!sig.callable()) {
      return Optional.empty();
    }
    Map<String, HostTensor> inputs = new LinkedHashMap<>();
    for (TensorSpec in : sig.inputs().values()) {
      if (in.unknownRank()) {
        return Optional.empty();
      }
      long[] shape = in.shape().clone();
      for (int d = 0; d < shape.length; d++) {
        if (shape[d] < 0 && d > 0) {
          return Optional.empty();
        }
        shape[d] = d == 0 && shape[d] < 0 ? 1 : shape[d];
      }
      DType dtype = in.dtype().orElseThrow();
      int n = Math.toIntExact(HostTensor.elementCount(shape));
      Object data = Array.newInstance(dtype.elementType(), n);
      if (dtype == DType.STRING) {
        java.util.Arrays.fill((byte[][]) data, new byte[0]);
      }
      inputs.put(in.name(), new HostTensor(dtype, shape, data));
    }
    return Optional.of(inputs);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "TensorFlow rejected the input";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  @Override
  public void close() {
    bundle.close();
  }
}
