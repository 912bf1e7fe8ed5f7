package dev.tfj.server.http.tfserving;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tfj.server.http.internal.Json;
import dev.tfj.inference.SignatureSpec;
import dev.tfj.inference.TensorSpec;
import java.util.Map;

/**
 * TF Serving's model metadata response: the model spec, and every signature def as protobuf JSON
 * (int64 sizes as strings, default fields printed), the way {@code tensorflow_model_server} prints it.
 */
final class MetadataJson {

  private MetadataJson() {}

  static ObjectNode of(String model, long version, Map<String, SignatureSpec> signatures) {
    ObjectNode root = Json.object();
    ObjectNode spec = root.putObject("model_spec");
    spec.put("name", model);
    spec.put("signature_name", "");
    spec.put("version", Long.toString(version));
    ObjectNode defs = root.putObject("metadata").putObject("signature_def").putObject("signature_def");
    signatures.forEach((key, sig) -> {
      ObjectNode def = defs.putObject(key);
      tensors(def.putObject("inputs"), sig.inputs());
      tensors(def.putObject("outputs"), sig.outputs());
      def.put("method_name", sig.methodName());
    });
    return root;
  }

  private static void tensors(ObjectNode into, Map<String, TensorSpec> tensors) {
    tensors.forEach((name, t) -> {
      ObjectNode info = into.putObject(name);
      info.put("dtype", t.dataType().name());
      ObjectNode shape = info.putObject("tensor_shape");
      var dims = shape.putArray("dim");
      if (!t.unknownRank()) {
        for (long d : t.shape()) {
          dims.addObject().put("size", Long.toString(d)).put("name", "");
        }
      }
      shape.put("unknown_rank", t.unknownRank());
      info.put("name", t.tensorName());
    });
  }
}
