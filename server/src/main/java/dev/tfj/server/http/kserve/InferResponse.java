package dev.tfj.server.http.kserve;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.tfj.inference.HostTensor;
import dev.tfj.server.http.internal.JsonTensors;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The Open Inference Protocol's inference response: the model and version that answered, the request's
 * {@code id} when it had one, and each output asked for with its values as one flat row-major list.
 */
record InferResponse(
    String modelName, String modelVersion, @JsonInclude(JsonInclude.Include.NON_NULL) String id, List<Output> outputs) {

  /** One output tensor. */
  record Output(String name, long[] shape, String datatype, @JsonSerialize(using = FlatValues.class) HostTensor data) {}

  /** The response for the outputs {@code wanted}, in that order. */
  static InferResponse of(String model, long version, String id, List<String> wanted, Map<String, HostTensor> outputs) {
    return new InferResponse(
        model,
        Long.toString(version),
        id,
        wanted.stream()
            .map(name -> {
              HostTensor t = outputs.get(name);
              return new Output(name, t.shape(), t.dtype().kserveName(), t);
            })
            .toList());
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
