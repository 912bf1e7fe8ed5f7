package dev.tfj.server.http.tfserving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tfj.inference.DType;
import dev.tfj.inference.InvalidInputException;
import dev.tfj.inference.SignatureSpec;
import dev.tfj.inference.TensorSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.tensorflow.proto.DataType;

/** One read of a predict body: each signature name looked up once, values typed as the signature's input. */
class PredictBodyTest {

  private static final SignatureSpec FLOATS = sig("serving_default", "x", DataType.DT_FLOAT);
  private static final SignatureSpec DOUBLES = sig("doubles", "x", DataType.DT_DOUBLE);
  private static final SignatureSpec INTS = sig("ints", "x", DataType.DT_INT32);

  private static SignatureSpec sig(String key, String input, DataType type) {
    TensorSpec in = new TensorSpec(input, input + ":0", type, new long[] {-1, 2});
    TensorSpec out = new TensorSpec("y", "y:0", DataType.DT_FLOAT, new long[] {-1});
    return new SignatureSpec(key, "tensorflow/serving/predict", Map.of(input, in), Map.of("y", out));
  }

  /** The model's signatures by name, null for the default, recording every name asked. */
  private static final class Lookup implements Function<String, SignatureSpec> {
    final List<String> asked = new ArrayList<>();

    @Override
    public SignatureSpec apply(String name) {
      asked.add(name);
      if (name == null || name.equals("serving_default")) {
        return FLOATS;
      }
      return switch (name) {
        case "doubles" -> DOUBLES;
        case "ints" -> INTS;
        default -> throw new InvalidInputException("Serving signature name: \"" + name + "\" not found");
      };
    }
  }

  private static PredictBody read(String json, Lookup lookup) {
    return PredictBody.read(json.getBytes(StandardCharsets.UTF_8), lookup);
  }

  @Test
  void readsRowsStraightIntoTheInputsDtype() {
    Lookup lookup = new Lookup();
    PredictBody body = read("{\"instances\": [[0.1, 2], [3, 0.30000001]]}", lookup);

    assertThat(lookup.asked).containsExactly((String) null);
    assertThat(body.signature()).isSameAs(FLOATS);
    assertThat(body.columnar()).isFalse();
    assertThat(body.inputs().get("x").dtype()).isEqualTo(DType.FLOAT);
    assertThat(body.inputs().get("x").shape()).containsExactly(2, 2);
    assertThat((float[]) body.inputs().get("x").data()).containsExactly(0.1f, 2f, 3f, 0.3f);

    PredictBody doubles = read("{\"signature_name\": \"doubles\", \"instances\": [[0.1, 2]]}", new Lookup());
    assertThat((double[]) doubles.inputs().get("x").data()).containsExactly(0.1, 2.0);
  }

  @Test
  void looksEachSignatureUpOnceWhicheverWayTheBodyIsRead() {
    Lookup named = new Lookup(); // the scanner meets named instances after looking the default up; the tree reuses it
    PredictBody body = read("{\"instances\": [{\"x\": [1, 2]}]}", named);
    assertThat(named.asked).containsExactly((String) null);
    assertThat((float[]) body.inputs().get("x").data()).containsExactly(1f, 2f);

    Lookup columnar = new Lookup();
    assertThat(read("{\"signature_name\": \"ints\", \"inputs\": [[1, 2]]}", columnar).inputs().get("x").data())
        .isEqualTo(new int[] {1, 2});
    assertThat(columnar.asked).containsExactly("ints");
  }

  @Test
  void rowsNamedAfterwardsForAnotherInputTypeAreReadForIt() {
    Lookup lookup = new Lookup();
    PredictBody body = read("{\"instances\": [[0.1, 2]], \"signature_name\": \"doubles\"}", lookup);

    assertThat(lookup.asked).containsExactly(null, "doubles");
    assertThat(body.signature()).isSameAs(DOUBLES);
    assertThat((double[]) body.inputs().get("x").data()).containsExactly(0.1, 2.0);
  }

  @Test
  void reportsAnUnknownSignatureOnlyOnceTheBodyIsKnownToBeJson() {
    assertThatThrownBy(() -> read("{\"signature_name\": \"nope\", \"instances\": [[1, 2]", new Lookup()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("malformed JSON");
    assertThatThrownBy(() -> read("{\"signature_name\": \"nope\", \"instances\": [[1, 2]]}", new Lookup()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("Serving signature name: \"nope\" not found");
  }
}
