package dev.tfj.server.http.kserve;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.google.protobuf.ByteString;
import dev.tfj.inference.HostTensor;
import dev.tfj.server.protocol.RawTensors;
import dev.tfj.server.http.internal.JsonTensors;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Open Inference Protocol's inference response: the model and version that answered, the request's
 * {@code id} when it had one, and each output asked for with its values as one flat row-major list, or,
 * for an output asked for in binary, its {@code binary_data_size} with the bytes after the JSON.
 */
record InferResponse(
    String modelName,
    String modelVersion,
    @JsonInclude(JsonInclude.Include.NON_NULL) String id,
    List<Output> outputs,
    @JsonIgnore List<ByteString> binary) {

  /** One output tensor, its values in {@code data} or, in binary, sized by {@code parameters}. */
  record Output(
      String name,
      long[] shape,
      String datatype,
      @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Object> parameters,
      @JsonInclude(JsonInclude.Include.NON_NULL) @JsonSerialize(using = FlatValues.class) HostTensor data) {}

  /** The response for the outputs {@code wanted}, in that order; those in {@code binary} as raw bytes. */
  static InferResponse of(
      String model, long version, String id, List<String> wanted, Set<String> binary, Map<String, HostTensor> outputs) {
    List<Output> entries = new ArrayList<>();
    List<ByteString> raw = new ArrayList<>();
    for (String name : wanted) {
      HostTensor t = outputs.get(name);
      if (binary.contains(name)) {
        ByteString bytes = RawTensors.encode(t);
        raw.add(bytes);
        entries.add(new Output(name, t.shape(), t.dtype().kserveName(), Map.of("binary_data_size", bytes.size()), null));
      } else {
        entries.add(new Output(name, t.shape(), t.dtype().kserveName(), null, t));
      }
    }
    return new InferResponse(model, Long.toString(version), id, List.copyOf(entries), List.copyOf(raw));
  }

  /** A tensor's values as one flat list. */
  static final class FlatValues extends StdSerializer<HostTensor> {
    FlatValues() {
      super(HostTensor.class);
    }

    @Override
    public void serialize(HostTensor t, JsonGenerator g, SerializerProvider provider) throws IOException {
      JsonTensors.writeFlat(g, t);
    }
  }
}
