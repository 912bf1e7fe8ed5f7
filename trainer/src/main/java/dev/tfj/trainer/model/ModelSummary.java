package dev.tfj.trainer.model;

import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.op.Ops;

/** Per-layer output shapes and parameter counts, read from a freshly built inference graph. */
public record ModelSummary(String model, List<LayerInfo> layers, long totalParameters) {

  /** Builds {@code arch}'s inference graph and reads its layers and variables. */
  public static ModelSummary of(Architecture arch) {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Parameters params = new Parameters(0);
      ModelGraph.build(arch, new Layers(tf, tf, Mode.INFERENCE, params, 0));
      return new ModelSummary(arch.name(), params.layers(), params.trainableCount());
    }
  }
}
