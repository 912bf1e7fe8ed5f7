package dev.tfj.inference;

import java.util.Map;

/** A SavedModel signature: its key, method name, and inputs and outputs in declaration order. */
public record SignatureSpec(
    String key, String methodName, Map<String, TensorSpec> inputs, Map<String, TensorSpec> outputs) {

  public SignatureSpec {
    inputs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(inputs));
    outputs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(outputs));
  }

  /** True when every input and output is batched along its first dimension, so requests can be merged. */
  public boolean batchable() {
    return !inputs.isEmpty()
        && !outputs.isEmpty()
        && inputs.values().stream().allMatch(TensorSpec::batched)
        && outputs.values().stream().allMatch(TensorSpec::batched);
  }

  /** True when the signature can be called: it has inputs and outputs of supported types. */
  public boolean callable() {
    return !inputs.isEmpty()
        && !outputs.isEmpty()
        && inputs.values().stream().allMatch(t -> t.dtype().isPresent())
        && outputs.values().stream().allMatch(t -> t.dtype().isPresent());
  }
}
