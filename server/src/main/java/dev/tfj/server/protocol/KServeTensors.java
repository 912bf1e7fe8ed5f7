package dev.tfj.server.protocol;

import dev.tfj.inference.DType;
import dev.tfj.inference.HostTensor;
import dev.tfj.inference.InvalidInputException;
import dev.tfj.inference.SignatureSpec;
import dev.tfj.inference.TensorSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The Open Inference Protocol's tensors, whatever carries them (JSON, binary data, gRPC contents or raw
 * buffers): an input checked against the signature, and the tensor metadata of a signature.
 */
public final class KServeTensors {

  /** The platform name Triton uses for TensorFlow SavedModels. */
  public static final String PLATFORM = "tensorflow_savedmodel";

  /** The name servers give the binary tensor data extension in their metadata. */
  public static final String BINARY_EXTENSION = "binary_tensor_data";

  /** The protocol extensions tfj implements, as listed in server metadata. */
  public static final List<String> EXTENSIONS = List.of(BINARY_EXTENSION);

  /** A tensor's name, datatype and shape; -1 for a dimension of any size. */
  public record TensorMeta(String name, String datatype, long[] shape) {}

  private KServeTensors() {}

  /**
   * One input: its name known to the signature, its datatype the one the signature wants, its shape
   * valid, and the values {@code decode} reads for that type filling the shape exactly.
   */
  public static HostTensor input(
      SignatureSpec sig, String name, String datatype, long[] shape, Function<DType, HostTensor> decode) {
    TensorSpec spec = sig.inputs().get(name);
    if (spec == null) {
      throw new InvalidInputException(
          "unknown input '" + name + "' for signature '" + sig.key() + "'; its inputs are " + sig.inputs().keySet());
    }
    DType dtype = DType.ofKserve(datatype)
        .orElseThrow(() -> new InvalidInputException("input '" + name + "' has unknown datatype '" + datatype + "'"));
    DType want = spec.dtype().orElseThrow(() -> new InvalidInputException("input '" + name + "' has an unsupported type"));
    if (dtype != want) {
      throw new InvalidInputException(
          "input '" + name + "' has datatype " + datatype + " but the model expects " + want.kserveName());
    }
    checkShape(name, shape);
    HostTensor values = decode.apply(dtype);
    if (values.size() != HostTensor.elementCount(shape)) {
      throw new InvalidInputException(
          "input '" + name + "' has " + values.size() + " values but shape " + Arrays.toString(shape) + " needs "
              + HostTensor.elementCount(shape));
    }
    return new HostTensor(dtype, shape, values.data());
  }

  /** Sizes must be non-negative and their product fit in an array. */
  public static void checkShape(String name, long[] shape) {
    long count = 1;
    for (long d : shape) {
      if (d < 0) {
        throw new InvalidInputException(
            "input '" + name + "' has shape " + Arrays.toString(shape) + ": sizes must be integers >= 0");
      }
      try {
        count = Math.multiplyExact(count, d);
      } catch (ArithmeticException e) {
        count = Long.MAX_VALUE;
      }
    }
    if (count > Integer.MAX_VALUE) {
      throw new InvalidInputException("input '" + name + "' has shape " + Arrays.toString(shape) + ": too many values");
    }
  }

  /** The signature's inputs or outputs as the protocol's model metadata lists them. */
  public static List<TensorMeta> metadata(Map<String, TensorSpec> specs) {
    return specs.values().stream()
        .map(t -> new TensorMeta(t.name(), DType.kserveName(t.dataType()), t.unknownRank() ? new long[] {-1} : t.shape()))
        .toList();
  }
}
