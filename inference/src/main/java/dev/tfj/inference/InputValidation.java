package dev.tfj.inference;

import java.util.Arrays;
import java.util.Map;

/** Checks a request's inputs against a signature: names, types, ranks and fixed dimensions. */
final class InputValidation {

  private InputValidation() {}

  /**
   * Throws {@link InvalidInputException} naming the first problem; returns the common first dimension
   * of all inputs, or -1 when they do not share one.
   */
  static long check(SignatureSpec sig, Map<String, HostTensor> inputs) {
    for (String name : inputs.keySet()) {
      if (!sig.inputs().containsKey(name)) {
        throw new InvalidInputException(
            "unknown input '" + name + "' for signature '" + sig.key() + "'; its inputs are " + sig.inputs().keySet());
      }
    }
    long rows = -2;
    for (TensorSpec spec : sig.inputs().values()) {
      HostTensor t = inputs.get(spec.name());
      if (t == null) {
        throw new InvalidInputException(
            "missing input '" + spec.name() + "' for signature '" + sig.key() + "'; its inputs are " + sig.inputs().keySet());
      }
      DType want = spec.dtype().orElseThrow();
      if (t.dtype() != want) {
        throw new InvalidInputException(
            "input '" + spec.name() + "' has dtype " + t.dtype().tfName() + " but the signature expects " + want.tfName());
      }
      if (t.shape().length > 0 && t.shape()[0] == 0) {
        throw new InvalidInputException("empty batch: input '" + spec.name() + "' has no rows");
      }
      checkShape(spec, t.shape());
      long first = t.shape().length == 0 ? -1 : t.shape()[0];
      rows = rows == -2 || rows == first ? first : -1;
    }
    return rows < 0 ? -1 : rows;
  }

  private static void checkShape(TensorSpec spec, long[] shape) {
    if (spec.unknownRank()) {
      return;
    }
    long[] want = spec.shape();
    boolean ok = want.length == shape.length;
    for (int d = 0; ok && d < want.length; d++) {
      ok = want[d] < 0 || want[d] == shape[d];
    }
    if (!ok) {
      throw new InvalidInputException(
          "input '" + spec.name() + "' has shape " + Arrays.toString(shape).replace(" ", "")
              + " but the signature expects " + spec.shapeText() + " (-1 is any size)");
    }
  }
}
