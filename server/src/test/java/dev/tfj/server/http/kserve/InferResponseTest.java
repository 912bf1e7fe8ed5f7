package dev.tfj.server.http.kserve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tfj.inference.DType;
import dev.tfj.inference.HostTensor;
import dev.tfj.server.http.internal.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The inference response as the Open Inference Protocol spells it, field by field. */
class InferResponseTest {

  private static final Map<String, HostTensor> OUTPUTS = new LinkedHashMap<>();

  static {
    OUTPUTS.put("probabilities", new HostTensor(DType.FLOAT, new long[] {1, 3}, new float[] {0.25f, Float.NaN, 0.75f}));
    OUTPUTS.put("classes", new HostTensor(DType.INT64, new long[] {1}, new long[] {2}));
    OUTPUTS.put("names", new HostTensor(DType.STRING, new long[] {2}, new byte[][] {"a".getBytes(), "é".getBytes()}));
  }

  @Test
  void writesTheOutputsAskedForFlatInTheirOrder() throws Exception {
    InferResponse response = InferResponse.of("mnist", 3, "req-1", List.of("classes", "probabilities", "names"), Set.of(), OUTPUTS);

    assertThat(Json.MAPPER.writeValueAsString(response)).isEqualTo(
        "{\"model_name\":\"mnist\",\"model_version\":\"3\",\"id\":\"req-1\",\"outputs\":["
            + "{\"name\":\"classes\",\"shape\":[1],\"datatype\":\"INT64\",\"data\":[2]},"
            + "{\"name\":\"probabilities\",\"shape\":[1,3],\"datatype\":\"FP32\",\"data\":[0.25,NaN,0.75]},"
            + "{\"name\":\"names\",\"shape\":[2],\"datatype\":\"BYTES\",\"data\":[\"a\",\"é\"]}]}");
  }

  @Test
  void leavesOutAnIdTheRequestDidNotHave() throws Exception {
    InferResponse response = InferResponse.of("mnist", 1, null, List.of("classes"), Set.of(), OUTPUTS);

    assertThat(Json.MAPPER.writeValueAsString(response)).isEqualTo(
        "{\"model_name\":\"mnist\",\"model_version\":\"1\",\"outputs\":["
            + "{\"name\":\"classes\",\"shape\":[1],\"datatype\":\"INT64\",\"data\":[2]}]}");
  }
}
