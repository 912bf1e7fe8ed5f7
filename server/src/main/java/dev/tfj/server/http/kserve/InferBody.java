package dev.tfj.server.http.kserve;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import dev.tfj.server.http.internal.JsonTensors;
import dev.tfj.inference.HostTensor;
import dev.tfj.inference.InvalidInputException;
import dev.tfj.inference.SignatureSpec;
import dev.tfj.server.protocol.KServeTensors;
import dev.tfj.server.protocol.Outputs;
import dev.tfj.server.protocol.RawTensors;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An Open Inference Protocol inference request: {@code id}, {@code parameters}, {@code inputs} (each with
 * {@code name}, {@code shape}, {@code datatype} and {@code data}, flat or nested, row-major, or with the
 * binary extension's {@code binary_data_size} parameter) and the optional list of {@code outputs} wanted
 * (binary with a {@code binary_data} parameter, or all of them with the request's {@code binary_data_output}).
 * A {@code signature_name} parameter picks a signature.
 */
record InferBody(String id, Map<String, HostTensor> inputs, List<String> outputs, Set<String> binaryOutputs) {

  /** The {@code signature_name} request parameter, or null. */
  static String signatureName(JsonNode body) {
    if (!body.isObject()) {
      throw new InvalidInputException("the request body must be a JSON object with \"inputs\"");
    }
    JsonNode name = body.path("parameters").path("signature_name");
    if (name.isMissingNode() || name.isNull()) {
      return null;
    }
    if (!name.isTextual()) {
      throw new InvalidInputException("parameter \"signature_name\" must be a string");
    }
    return name.textValue();
  }

  static InferBody parse(JsonNode body, SignatureSpec sig, BinaryData binary) {
    JsonNode id = body.get("id");
    if (id != null && !id.isTextual()) {
      throw new InvalidInputException("\"id\" must be a string");
    }
    JsonNode inputs = body.get("inputs");
    if (inputs == null || !inputs.isArray()) {
      throw new InvalidInputException("\"inputs\" must be a list of tensors");
    }
    if (inputs.isEmpty()) {
      throw new InvalidInputException("empty batch: \"inputs\" has no tensors");
    }
    Map<String, HostTensor> tensors = new LinkedHashMap<>();
    for (int i = 0; i < inputs.size(); i++) {
      JsonNode in = inputs.get(i);
      String name = text(in, "name", "inputs[" + i + "]");
      if (tensors.containsKey(name)) {
        throw new InvalidInputException("input '" + name + "' is given twice");
      }
      tensors.put(name, tensor(in, name, sig, binary));
    }
    binary.checkAllTaken();
    List<String> outputs = outputs(body.get("outputs"), sig);
    return new InferBody(id == null ? null : id.textValue(), tensors, outputs, binaryOutputs(body, outputs));
  }

  private static HostTensor tensor(JsonNode in, String name, SignatureSpec sig, BinaryData binary) {
    String datatype = text(in, "datatype", "input '" + name + "'");
    long[] shape = shape(in.get("shape"), name);
    JsonNode data = in.get("data");
    JsonNode binarySize = in.path("parameters").path("binary_data_size");
    if (!binarySize.isMissingNode()) {
      if (!binarySize.isIntegralNumber()) {
        throw new InvalidInputException("input '" + name + "' needs an integer binary_data_size, got " + binarySize);
      }
      if (data != null && !data.isNull()) {
        throw new InvalidInputException("input '" + name + "' has both \"data\" and binary_data_size");
      }
      ByteString raw = binary.take(name, binarySize.longValue());
      return KServeTensors.input(sig, name, datatype, shape, dtype -> RawTensors.decode(name, dtype, shape, raw));
    }
    return KServeTensors.input(sig, name, datatype, shape, dtype -> {
      if (data == null || data.isNull()) {
        throw new InvalidInputException("input '" + name + "' has no \"data\"");
      }
      return JsonTensors.parse(data, dtype, "inputs." + name + ".data");
    });
  }

  /** The outputs to answer in binary: those asking with {@code binary_data}, or all for {@code binary_data_output}. */
  private static Set<String> binaryOutputs(JsonNode body, List<String> outputs) {
    if (flag(body.path("parameters").path("binary_data_output"), "parameter binary_data_output")) {
      return Set.copyOf(outputs);
    }
    Set<String> binary = new HashSet<>();
    JsonNode wanted = body.get("outputs");
    if (wanted != null && wanted.isArray()) {
      for (JsonNode out : wanted) {
        if (flag(out.path("parameters").path("binary_data"), "output '" + out.path("name").asText() + "' binary_data")) {
          binary.add(out.get("name").textValue());
        }
      }
    }
    return Set.copyOf(binary);
  }

  private static boolean flag(JsonNode node, String what) {
    if (node.isMissingNode() || node.isNull()) {
      return false;
    }
    if (!node.isBoolean()) {
      throw new InvalidInputException(what + " must be true or false, got " + node);
    }
    return node.booleanValue();
  }

  private static long[] shape(JsonNode node, String name) {
    if (node == null || !node.isArray()) {
      throw new InvalidInputException("input '" + name + "' needs \"shape\", a list of dimension sizes");
    }
    long[] shape = new long[node.size()];
    for (int d = 0; d < shape.length; d++) {
      JsonNode dim = node.get(d);
      if (!dim.isIntegralNumber() || dim.longValue() < 0) {
        throw new InvalidInputException("input '" + name + "' has shape " + node + ": sizes must be integers >= 0");
      }
      shape[d] = dim.longValue();
    }
    return shape;
  }

  private static List<String> outputs(JsonNode node, SignatureSpec sig) {
    if (node == null || node.isNull()) {
      return Outputs.select(sig, List.of());
    }
    if (!node.isArray()) {
      throw new InvalidInputException("\"outputs\" must be a list of {\"name\": ...}");
    }
    List<String> names = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      names.add(text(node.get(i), "name", "outputs[" + i + "]"));
    }
    return Outputs.select(sig, names);
  }

  private static String text(JsonNode node, String field, String where) {
    JsonNode v = node == null ? null : node.get(field);
    if (v == null || !v.isTextual()) {
      throw new InvalidInputException(where + " needs a string \"" + field + "\"");
    }
    return v.textValue();
  }
}
