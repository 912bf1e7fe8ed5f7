package dev.tfj.server.http.tfserving;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.tfj.server.http.internal.JsonTensors;
import dev.tfj.inference.HostTensor;
import dev.tfj.inference.InvalidInputException;
import java.io.IOException;
import java.util.Map;

/**
 * Writes TF Serving's predict response: {@code "predictions"} for row-format requests (a list per row;
 * objects keyed by output name when there are several outputs) and {@code "outputs"} for columnar ones
 * (the tensor, or an object of tensors).
 */
final class PredictResponse {

  private PredictResponse() {}

  static void write(JsonGenerator g, boolean columnar, Map<String, HostTensor> outputs) throws IOException {
    g.writeStartObject();
    if (columnar) {
      g.writeFieldName("outputs");
      writeColumns(g, outputs);
    } else {
      g.writeFieldName("predictions");
      writeRows(g, outputs);
    }
    g.writeEndObject();
  }

  private static void writeColumns(JsonGenerator g, Map<String, HostTensor> outputs) throws IOException {
    if (outputs.size() == 1) {
      Map.Entry<String, HostTensor> only = outputs.entrySet().iterator().next();
      JsonTensors.writeNested(g, only.getValue(), only.getKey());
      return;
    }
    g.writeStartObject();
    for (Map.Entry<String, HostTensor> out : outputs.entrySet()) {
      g.writeFieldName(out.getKey());
      JsonTensors.writeNested(g, out.getValue(), out.getKey());
    }
    g.writeEndObject();
  }

  private static void writeRows(JsonGenerator g, Map<String, HostTensor> outputs) throws IOException {
    if (outputs.size() == 1) {
      Map.Entry<String, HostTensor> only = outputs.entrySet().iterator().next();
      JsonTensors.writeNested(g, only.getValue(), only.getKey());
      return;
    }
    long rows = -1;
    for (Map.Entry<String, HostTensor> out : outputs.entrySet()) {
      long r = out.getValue().shape().length == 0 ? -1 : out.getValue().shape()[0];
      if (r < 0 || (rows >= 0 && r != rows)) {
        throw new InvalidInputException(
            "output '" + out.getKey() + "' does not have the batch size of the other outputs, so it cannot be "
                + "split into rows; use the columnar format (\"inputs\")");
      }
      rows = r;
    }
    g.writeStartArray();
    for (int row = 0; row < rows; row++) {
      g.writeStartObject();
      for (Map.Entry<String, HostTensor> out : outputs.entrySet()) {
        g.writeFieldName(out.getKey());
        JsonTensors.writeRow(g, out.getValue(), row, out.getKey());
      }
      g.writeEndObject();
    }
    g.writeEndArray();
  }
}
