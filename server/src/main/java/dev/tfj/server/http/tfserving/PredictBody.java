package dev.tfj.server.http.tfserving;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tfj.server.http.internal.Json;
import dev.tfj.server.http.internal.JsonTensors;
import dev.tfj.inference.DType;
import dev.tfj.inference.HostTensor;
import dev.tfj.inference.InvalidInputException;
import dev.tfj.inference.SignatureSpec;
import dev.tfj.inference.TensorSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A TF Serving predict request body: {@code signature_name}, and inputs either in row format
 * ({@code "instances"}: one value, or one object keyed by input name, per row) or columnar format
 * ({@code "inputs"}: one tensor, or an object of tensors keyed by input name), read for the signature it
 * names and typed as that signature's inputs.
 */
record PredictBody(SignatureSpec signature, boolean columnar, Map<String, HostTensor> inputs) {

  /**
   * Reads a body once: the common row form straight from the bytes into the input's dtype
   * ({@link StreamedRows}), any other form from one tree of the same bytes. {@code signatures} looks a
   * signature name up (null for the default); each name is looked up once, whichever way the body is read.
   */
  static PredictBody read(byte[] bytes, Function<String, SignatureSpec> signatures) {
    Map<String, SignatureSpec> looked = new HashMap<>(2);
    Function<String, SignatureSpec> once = name -> looked.computeIfAbsent(name, signatures);
    PredictBody rows = StreamedRows.read(bytes, once);
    if (rows != null) {
      return rows;
    }
    JsonNode tree = Json.parse(bytes);
    return parse(tree, once.apply(signatureName(tree)));
  }

  /** The {@code signature_name}, or null; read before the inputs because their types depend on it. */
  static String signatureName(JsonNode body) {
    if (!body.isObject()) {
      throw new InvalidInputException("the request body must be a JSON object with \"instances\" or \"inputs\"");
    }
    JsonNode name = body.get("signature_name");
    if (name == null || name.isNull()) {
      return null;
    }
    if (!name.isTextual()) {
      throw new InvalidInputException("\"signature_name\" must be a string");
    }
    return name.textValue();
  }

  /** Parses the inputs with the types and names of the signature. */
  static PredictBody parse(JsonNode body, SignatureSpec sig) {
    JsonNode instances = body.get("instances");
    JsonNode inputs = body.get("inputs");
    if (instances != null && inputs != null) {
      throw new InvalidInputException("use either \"instances\" (row format) or \"inputs\" (columnar format), not both");
    }
    if (instances == null && inputs == null) {
      throw new InvalidInputException("missing \"instances\" (row format) or \"inputs\" (columnar format)");
    }
    return instances != null
        ? new PredictBody(sig, false, rows(instances, sig))
        : new PredictBody(sig, true, columns(inputs, sig));
  }

  private static Map<String, HostTensor> rows(JsonNode instances, SignatureSpec sig) {
    if (!instances.isArray()) {
      throw new InvalidInputException("\"instances\" must be a list with one element per row");
    }
    if (instances.isEmpty()) {
      throw new InvalidInputException("empty batch: \"instances\" has no rows");
    }
    JsonNode first = instances.get(0);
    boolean named = first.isObject() && !JsonTensors.isBinary(first);
    if (!named) {
      TensorSpec only = onlyInput(sig, "\"instances\" holds bare values");
      return Map.of(only.name(), JsonTensors.parse(instances, dtype(only), "instances"));
    }
    Map<String, List<HostTensor>> perInput = new LinkedHashMap<>();
    for (int row = 0; row < instances.size(); row++) {
      JsonNode instance = instances.get(row);
      if (!instance.isObject() || JsonTensors.isBinary(instance)) {
        throw new InvalidInputException(
            "instances[" + row + "] is not an object keyed by input name like instances[0]");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = instance.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        TensorSpec spec = input(sig, field.getKey());
        String where = "instances[" + row + "]." + field.getKey();
        perInput.computeIfAbsent(field.getKey(), k -> new ArrayList<>())
            .add(JsonTensors.parse(field.getValue(), dtype(spec), where));
      }
      for (String name : sig.inputs().keySet()) {
        if (!instance.has(name)) {
          throw new InvalidInputException("instances[" + row + "] has no input '" + name + "'");
        }
      }
    }
    Map<String, HostTensor> tensors = new LinkedHashMap<>();
    perInput.forEach((name, values) -> tensors.put(name, stack(name, values)));
    return tensors;
  }

  private static HostTensor stack(String name, List<HostTensor> values) {
    long[] rowShape = values.get(0).shape();
    List<HostTensor> rows = new ArrayList<>(values.size());
    for (int i = 0; i < values.size(); i++) {
      HostTensor v = values.get(i);
      if (!Arrays.equals(v.shape(), rowShape)) {
        throw new InvalidInputException(
            "instances[" + i + "]." + name + " has shape " + Arrays.toString(v.shape()) + " but instances[0]."
                + name + " has " + Arrays.toString(rowShape) + "; use \"inputs\" for inputs of different sizes");
      }
      long[] shape = new long[rowShape.length + 1];
      shape[0] = 1;
      System.arraycopy(rowShape, 0, shape, 1, rowShape.length);
      rows.add(new HostTensor(v.dtype(), shape, v.data()));
    }
    return HostTensor.concat(rows);
  }

  private static Map<String, HostTensor> columns(JsonNode inputs, SignatureSpec sig) {
    if (!inputs.isObject() || JsonTensors.isBinary(inputs)) {
      TensorSpec only = onlyInput(sig, "\"inputs\" is a bare tensor");
      return Map.of(only.name(), JsonTensors.parse(inputs, dtype(only), "inputs"));
    }
    if (inputs.isEmpty()) {
      throw new InvalidInputException("empty batch: \"inputs\" has no tensors");
    }
    Map<String, HostTensor> tensors = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = inputs.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      TensorSpec spec = input(sig, field.getKey());
      tensors.put(field.getKey(), JsonTensors.parse(field.getValue(), dtype(spec), "inputs." + field.getKey()));
    }
    return tensors;
  }

  private static TensorSpec onlyInput(SignatureSpec sig, String what) {
    if (sig.inputs().size() != 1) {
      throw new InvalidInputException(
          what + " but signature '" + sig.key() + "' has " + sig.inputs().size() + " inputs " + sig.inputs().keySet()
              + "; key the values by input name");
    }
    return sig.inputs().values().iterator().next();
  }

  private static TensorSpec input(SignatureSpec sig, String name) {
    TensorSpec spec = sig.inputs().get(name);
    if (spec == null) {
      throw new InvalidInputException(
          "unknown input '" + name + "' for signature '" + sig.key() + "'; its inputs are " + sig.inputs().keySet());
    }
    return spec;
  }

  private static DType dtype(TensorSpec spec) {
    return spec.dtype()
        .orElseThrow(() -> new InvalidInputException("input '" + spec.name() + "' has unsupported type " + spec.dataType()));
  }
}
