package dev.tfj.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

class OptimizerStepTest {

  @Test
  void momentumFollowsTheHeavyBallUpdate() {
    // loss = w², w₀ = 1, lr 0.1, momentum 0.9: a₁ = 2, w₁ = 0.8; a₂ = 0.9·2 + 1.6 = 3.4, w₂ = 0.46.
    float[] w = run(OptimizerKind.SGD, 0.1f, 2);
    assertThat(w[0]).isCloseTo(0.8f, within(1e-6f));
    assertThat(w[1]).isCloseTo(0.46f, within(1e-6f));
  }

  @Test
  void adamTakesLearningRateSizedFirstSteps() {
    // Adam's bias-corrected first step is lr·sign(g): w₁ = 1 − 0.1.
    float[] w = run(OptimizerKind.ADAM, 0.1f, 1);
    assertThat(w[0]).isCloseTo(0.9f, within(1e-4f));
  }

  private static float[] run(OptimizerKind kind, float lr, int steps) {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Variable<TFloat32> v = tf.withInitScope().withName("w").variable(tf.withInitScope().constant(1f));
      var loss = tf.math.mul(tf.constant(2f), tf.nn.l2Loss(v)); // w², through ops with graph gradients
      @SuppressWarnings("unchecked")
      Output<TFloat32> grad = (Output<TFloat32>) graph.addGradients(loss.asOutput(), new Output<?>[] {v.asOutput()})[0];
      OptimizerStep step = new OptimizerStep(tf, kind, 0.9, List.of(v), List.of(grad));
      float[] out = new float[steps];
      try (Session session = new Session(graph)) {
        session.initialize();
        for (int t = 1; t <= steps; t++) {
          try (TFloat32 rate = TFloat32.scalarOf(lr);
              TFloat32 b1 = TFloat32.scalarOf((float) Math.pow(0.9, t));
              TFloat32 b2 = TFloat32.scalarOf((float) Math.pow(0.999, t))) {
            var runner = session.runner().feed(step.learningRate(), rate).addTarget(step.update());
            if (step.isAdam()) {
              runner.feed(step.beta1Power(), b1).feed(step.beta2Power(), b2);
            }
            runner.run().close();
          }
          try (Result r = session.runner().fetch(v).run()) {
            out[t - 1] = ((TFloat32) r.get(0)).getFloat();
          }
        }
      }
      return out;
    }
  }
}
