package dev.tfj.trainer.model;

import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.op.Ops;

/** Per-layer output shapes and parameter counts, read from a built graph. */
public record ModelSummary(String model, List<LayerInfo> layers, long totalParameters) {

  /** The layers and variables {@code params} recorded while {@code arch} was built. */
  public static ModelSummary of(Architecture arch, Parameters params) {
    return new ModelSummary(arch.name(), params.layers(), params.trainableCount());
  }

  /** Builds {@code arch}'s inference graph, for a summary without training, and reads its layers and variables. */
  public static ModelSummary of(Architecture arch) {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Parameters params = new Parameters(0);
      ModelGraph.build(arch, new Layers(tf, tf, Mode.INFERENCE, params, 0));
      return of(arch, params);
    }
  }
}
