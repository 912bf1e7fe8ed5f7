package dev.tfj.server.http.kserve;

import dev.tfj.inference.DType;
import dev.tfj.inference.SignatureSpec;
import dev.tfj.inference.TensorSpec;
import java.util.List;
import java.util.Map;

/** The Open Inference Protocol's model metadata response, for the default signature. */
record ModelMetadataJson(
    String name, List<String> versions, String platform, List<TensorJson> inputs, List<TensorJson> outputs) {

  /** The platform name Triton uses for TensorFlow SavedModels. */
  static final String PLATFORM = "tensorflow_savedmodel";

  /** A tensor's name, datatype and shape; -1 for a dimension of any size. */
  record TensorJson(String name, String datatype, long[] shape) {}

  static ModelMetadataJson of(String name, List<String> versions, SignatureSpec sig) {
    return new ModelMetadataJson(name, versions, PLATFORM, tensors(sig.inputs()), tensors(sig.outputs()));
  }

  private static List<TensorJson> tensors(Map<String, TensorSpec> specs) {
    return specs.values().stream()
        .map(t -> new TensorJson(t.name(), DType.kserveName(t.dataType()), t.unknownRank() ? new long[] {-1} : t.shape()))
        .toList();
  }
}
