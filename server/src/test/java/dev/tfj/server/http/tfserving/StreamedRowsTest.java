package dev.tfj.server.http.tfserving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tfj.server.http.internal.Json;
import dev.tfj.inference.HostTensor;
import dev.tfj.inference.SignatureSpec;
import dev.tfj.inference.TensorSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.proto.DataType;

class StreamedRowsTest {

  private static SignatureSpec sig(DataType type) {
    TensorSpec in = new TensorSpec("x", "x:0", type, new long[] {-1, 2, 2});
    TensorSpec out = new TensorSpec("y", "y:0", DataType.DT_FLOAT, new long[] {-1});
    return new SignatureSpec("serving_default", "tensorflow/serving/predict", Map.of("x", in), Map.of("y", out));
  }

  private static byte[] bytes(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void givesTheSameTensorsAsTheTreeParse() {
    for (DataType type : new DataType[] {DataType.DT_FLOAT, DataType.DT_DOUBLE}) {
      for (String body : new String[] {
          "{\"instances\":[[[0,1.5],[-2e3,0.1]],[[NaN,3],[1e-7,7]]]}",
          "{\"signature_name\":\"serving_default\",\"instances\":[[[0.30000001,1],[2,3]]]}",
          "{\"instances\":[[[1,2],[3,4]]],\"signature_name\":null}",
          " {\n \"instances\" : [ [ [ -0 , -0.0 ] ,\t[ 1E2 , 2.5e-3 ] ] ] , \"signature_name\" : \"serving_default\" }\r\n",
          type == DataType.DT_FLOAT
              ? "{\"instances\":[[[Infinity,-Infinity],[16777215,-16777215]]]}"
              : "{\"instances\":[[[Infinity,-Infinity],[2147483647,-2147483648]]]}",
          type == DataType.DT_FLOAT
              ? "{\"instances\":[[[0.1,1e-320],[3.4028234e38,-3.4028234e38]]]}"
              : "{\"instances\":[[[0.1,1e-320],[1.7976931348623157e308,4.9e-324]]]}"}) {
        List<String> asked = new ArrayList<>();
        SignatureSpec sig = sig(type);
        PredictBody rows = StreamedRows.read(bytes(body), name -> {
          asked.add(name);
          return sig;
        });
        assertThat(rows).as(body).isNotNull();
        Map<String, HostTensor> fast = rows.inputs();
        Map<String, HostTensor> tree = PredictBody.parse(Json.parse(bytes(body)), sig).inputs();
        assertThat(fast.get("x").shape()).isEqualTo(tree.get("x").shape());
        assertThat(fast.get("x").dtype()).isEqualTo(tree.get("x").dtype());
        assertThat(fast.get("x").data()).isEqualTo(tree.get("x").data());
        assertThat(asked.get(asked.size() - 1)).isEqualTo(PredictBody.signatureName(Json.parse(bytes(body))));
      }
    }
  }

  @Test
  void leavesNumbersBeyondAFloatToTheTreeParse() {
    SignatureSpec sig = sig(DataType.DT_FLOAT);
    for (String big : new String[] {"16777216", "-2147483648", "1e39", "-3.5e38", "1.7976931348623157e308"}) {
      String body = "{\"instances\":[[[0," + big + "],[1,2]]]}";
      assertThat(StreamedRows.read(bytes(body), name -> sig)).as(body).isNull(); // the tree parse refuses it
    }
  }

  @Test
  void readsRandomNumbersAsTheTreeParseDoes() {
    java.util.Random random = new java.util.Random(7);
    StringBuilder body = new StringBuilder("{\"instances\":[");
    for (int row = 0; row < 2000; row++) {
      body.append(row == 0 ? "[" : ",[");
      for (int i = 0; i < 4; i++) {
        double v = switch (i) {
          case 0 -> random.nextFloat();
          case 1 -> random.nextGaussian() * Math.pow(10, random.nextInt(60) - 30);
          case 2 -> random.nextInt(256);
          default -> random.nextDouble();
        };
        String text = switch (random.nextInt(6)) {
          case 0 -> Float.toString((float) v);
          case 1 -> Double.toString(v);
          case 2 -> String.format(java.util.Locale.ROOT, "%.6f", v);
          case 3 -> String.format(java.util.Locale.ROOT, "%.15e", v);
          case 4 -> String.format(java.util.Locale.ROOT, "%.3E", -v);
          default -> String.format(java.util.Locale.ROOT, "%.17e", v);
        };
        body.append(i == 0 ? "" : ",").append(i == 2 ? Integer.toString((int) v) : text);
      }
      body.append(']');
    }
    byte[] json = bytes(body.append("]}").toString());
    TensorSpec in = new TensorSpec("x", "x:0", DataType.DT_DOUBLE, new long[] {-1, 4});
    TensorSpec out = new TensorSpec("y", "y:0", DataType.DT_FLOAT, new long[] {-1});
    SignatureSpec sig = new SignatureSpec("serving_default", "tensorflow/serving/predict", Map.of("x", in), Map.of("y", out));

    PredictBody rows = StreamedRows.read(json, name -> sig);

    assertThat(rows).isNotNull();
    assertThat(rows.inputs().get("x").shape()).containsExactly(2000, 4);
    assertThat(rows.inputs().get("x").data()).isEqualTo(PredictBody.parse(Json.parse(json), sig).inputs().get("x").data());
  }

  @Test
  void leavesEverythingElseToTheTreeParse() {
    for (String body : new String[] {
        "", "[]", "{}", "{\"instances\":[]}", "{\"instances\":[[]]}", "{\"inputs\":[[1]]}",
        "{\"instances\":[[1,2],[3]]}", "{\"instances\":[[1,2],3]}", "{\"instances\":[1,[2]]}",
        "{\"instances\":[{\"x\":[1]}]}", "{\"instances\":[\"a\"]}", "{\"instances\":[true]}",
        "{\"instances\":[12345678901234]}", "{\"instances\":[1],\"instances\":[2]}",
        "{\"instances\":[1],\"other\":1}", "{\"instances\":[1]} x", "{\"instances\":[1]",
        "{\"signature_name\":1,\"instances\":[1]}",
        "{\"instances\":[01]}", "{\"instances\":[1.]}", "{\"instances\":[.5]}", "{\"instances\":[+1]}",
        "{\"instances\":[-NaN]}", "{\"instances\":[1e]}", "{\"instances\":[1,]}", "{\"instances\":[1]],}",
        "{\"instances\":[2147483648]}", "{\"instances\":[1 2]}", "{\"instances\":[-]}", "{\"inst\\u0061nces\":[1]}",
        "{\"signature_name\":\"a\\\"b\",\"instances\":[1]}", "{\"instances\":[1],}", "{\"instances\":[[[[[[[[[1]]]]]]]]]}"}) {
      assertThat(StreamedRows.read(bytes(body), name -> sig(DataType.DT_FLOAT))).as(body).isNull();
    }
    assertThat(StreamedRows.read(bytes("{\"instances\":[[[1,2],[3,4]]]}"), name -> sig(DataType.DT_INT32))).isNull();
  }
}
