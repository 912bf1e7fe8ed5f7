package dev.tfj.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tfj.bundle.OneDnn;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.RunMetadata;
import org.tensorflow.proto.RunOptions;
import org.tensorflow.types.TFloat32;

/** The graph TensorFlow actually runs for LeNet-5 uses oneDNN's kernels once {@link OneDnn} has switched them on. */
class OneDnnKernelsTest {

  @Test
  void leNet5RunsOnOneDnnConvolutions() {
    OneDnn.enableUnlessSet();
    assertThat(OneDnn.enabled()).as("TF_ENABLE_ONEDNN_OPTS in the native environment").isTrue();

    List<String> ops = executedOps(new LeNet5());

    assertThat(ops).anyMatch(op -> op.startsWith("_Mkl") && op.contains("Conv2D"));
    assertThat(ops).noneMatch(op -> op.equals("Conv2D"));
    // The attribute form of max pooling: MaxPoolV2 has no oneDNN kernel and cost a third of a training step.
    assertThat(ops).anyMatch(op -> op.startsWith("_Mkl") && op.contains("MaxPool"));
    assertThat(ops).noneMatch(op -> op.contains("MaxPoolV2"));
  }

  private static List<String> executedOps(Architecture arch) {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      ModelGraph model = ModelGraph.build(arch, new Layers(tf, tf, Mode.INFERENCE, new Parameters(1), 0));
      try (Session session = new Session(graph);
          TFloat32 images = TFloat32.tensorOf(Shape.of(8, 28, 28, 1))) {
        session.initialize();
        RunOptions trace = RunOptions.newBuilder().setOutputPartitionGraphs(true).build();
        try (Result r =
            session.runner().feed(model.images(), images).fetch(model.probabilities()).setOptions(trace)
                .runAndFetchMetadata()) {
          RunMetadata metadata = r.getMetadata().orElseThrow();
          return metadata.getPartitionGraphsList().stream()
              .map(GraphDef::getNodeList)
              .flatMap(List::stream)
              .map(NodeDef::getOp)
              .toList();
        }
      }
    }
  }
}
