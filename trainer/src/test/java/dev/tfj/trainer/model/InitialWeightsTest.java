package dev.tfj.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

class InitialWeightsTest {

  @Test
  void sameSeedGivesTheSameInitialWeights() {
    List<float[]> a = initialWeights(new LeNet5(), 42);
    List<float[]> b = initialWeights(new LeNet5(), 42);
    assertThat(a).hasSize(10);
    for (int i = 0; i < a.size(); i++) {
      assertThat(a.get(i)).isEqualTo(b.get(i));
    }
  }

  @Test
  void anotherSeedGivesOtherWeights() {
    assertThat(initialWeights(new LeNet5(), 42).get(0)).isNotEqualTo(initialWeights(new LeNet5(), 43).get(0));
  }

  @Test
  void kernelsAreGlorotUniformAndBiasesZero() {
    List<float[]> weights = initialWeights(new LeNet5(), 1);
    float[] conv1Kernel = weights.get(0);
    float[] conv1Bias = weights.get(1);
    float limit = (float) Math.sqrt(6.0 / (25 + 150)); // fan_in 5·5·1, fan_out 5·5·6
    assertThat(conv1Kernel).hasSize(150);
    for (float w : conv1Kernel) {
      assertThat(Math.abs(w)).isLessThanOrEqualTo(limit);
    }
    assertThat(conv1Bias).containsOnly(0f);
  }

  private static List<float[]> initialWeights(Architecture arch, long seed) {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Parameters params = new Parameters(seed);
      ModelGraph.build(arch, new Layers(tf, tf, Mode.INFERENCE, params, 0));
      try (Session session = new Session(graph)) {
        session.initialize();
        List<float[]> values = new ArrayList<>();
        for (Variable<TFloat32> v : params.trainable()) {
          try (Result r = session.runner().fetch(v).run()) {
            TFloat32 t = (TFloat32) r.get(0);
            float[] flat = new float[(int) t.size()];
            t.copyTo(org.tensorflow.ndarray.buffer.DataBuffers.of(flat, false, false));
            values.add(flat);
          }
        }
        return values;
      }
    }
  }
}
