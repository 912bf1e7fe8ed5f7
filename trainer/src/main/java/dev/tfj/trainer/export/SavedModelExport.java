package dev.tfj.trainer.export;

import dev.tfj.bundle.ServingSignature;
import dev.tfj.trainer.model.Architecture;
import dev.tfj.trainer.model.Layers;
import dev.tfj.trainer.model.Mode;
import dev.tfj.trainer.model.ModelGraph;
import dev.tfj.trainer.model.Parameters;
import java.io.IOException;
import java.nio.file.Path;
import org.tensorflow.Graph;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.op.Ops;

/**
 * Writes a SavedModel holding only the inference graph (preprocessing, network in inference mode, outputs),
 * with the weights of a training checkpoint: no optimizer slots, no gradients, no training branch. The graph
 * is then rewritten as Python writes it ({@link PortableSavedModel}), so older TensorFlow runtimes load it.
 */
public final class SavedModelExport {

  private SavedModelExport() {}

  /** Builds {@code arch}'s serving graph, restores {@code checkpointPrefix} into it and exports to {@code dir}. */
  public static void export(Architecture arch, String checkpointPrefix, Path dir) throws IOException {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      ModelGraph model = ModelGraph.build(arch, new Layers(tf, tf, Mode.INFERENCE, new Parameters(0), 0));
      try (Session session = new Session(graph)) {
        session.restore(checkpointPrefix);
        Signature signature =
            Signature.builder()
                .key(ServingSignature.KEY)
                .methodName(ServingSignature.METHOD)
                .input(ServingSignature.INPUT_IMAGES, model.images())
                .output(ServingSignature.OUTPUT_PROBABILITIES, model.probabilities())
                .output(ServingSignature.OUTPUT_CLASSES, model.classes())
                .build();
        SavedModelBundle.exporter(dir.toString())
            .withTags(ServingSignature.TAG)
            .withSession(session)
            .withSignature(signature)
            .export();
      }
    }
    PortableSavedModel.rewrite(dir);
  }
}
