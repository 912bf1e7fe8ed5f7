package dev.tfj.trainer.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.nn.FusedBatchNorm;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.types.TFloat32;

class PortableSavedModelTest {

  @TempDir Path dir;

  /** x [-1,1,1,2] -> batch norm (inference) -> reshape [-1,2] -> matmul by a 2x2 variable. */
  private Path export(Path target) throws Exception {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> x = tf.withName("x").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 1, 1, 2)));
      FusedBatchNorm<TFloat32, TFloat32> bn = tf.nn.fusedBatchNorm(
          x, tf.constant(new float[] {2f, 3f}), tf.constant(new float[] {0.5f, -1f}),
          tf.constant(new float[] {1f, 2f}), tf.constant(new float[] {4f, 9f}),
          FusedBatchNorm.isTraining(false), FusedBatchNorm.epsilon(0f));
      var w = tf.variable(tf.constant(new float[][] {{1f, 2f}, {3f, 4f}}));
      var y = tf.withName("y").linalg.matMul(tf.reshape(bn.y(), tf.constant(new long[] {-1, 2})), w);
      try (Session s = new Session(g)) {
        s.initialize();
        SavedModelBundle.exporter(target.toString()).withSession(s)
            .withSignature(Signature.builder().key("serving_default").input("x", x).output("y", y).build())
            .export();
      }
    }
    return target;
  }

  private static SavedModel read(Path dir) throws Exception {
    try (InputStream in = Files.newInputStream(dir.resolve("saved_model.pb"))) {
      return SavedModel.parseFrom(in);
    }
  }

  private static NodeDef node(SavedModel model, String op) {
    return model.getMetaGraphs(0).getGraphDef().getNodeList().stream()
        .filter(n -> n.getOp().equals(op)).findFirst().orElseThrow();
  }

  private static float[] run(Path dir) {
    try (SavedModelBundle b = SavedModelBundle.load(dir.toString(), "serve");
        TFloat32 x = TFloat32.tensorOf(Shape.of(1, 1, 1, 2), d -> d.setFloat(3f, 0, 0, 0, 0).setFloat(5f, 0, 0, 0, 1));
        Result r = b.function("serving_default").call(Map.of("x", x))) {
      TFloat32 y = (TFloat32) r.get("y").orElseThrow();
      return new float[] {y.getFloat(0, 0), y.getFloat(0, 1)};
    }
  }

  @Test
  void leavesOutDefaultValuedAttributesAsPythonDoesAndRecordsTheWriter() throws Exception {
    Path before = export(dir.resolve("before"));
    Path after = export(dir.resolve("after"));
    assertThat(node(read(before), "MatMul").getAttrMap()).containsKeys("grad_a", "grad_b", "transpose_a");
    assertThat(node(read(before), "FusedBatchNormV3").getAttrMap()).containsKey("exponential_avg_factor");

    PortableSavedModel.Stripped stripped = PortableSavedModel.rewrite(after);

    SavedModel model = read(after);
    assertThat(node(model, "MatMul").getAttrMap()).containsOnlyKeys("T");
    assertThat(node(model, "FusedBatchNormV3").getAttrMap())
        .containsOnlyKeys("T", "U", "epsilon", "is_training")
        .doesNotContainKey("exponential_avg_factor");
    assertThat(stripped.nodes()).isGreaterThanOrEqualTo(2);
    assertThat(stripped.attributes()).isGreaterThanOrEqualTo(7);
    MetaGraphDef.MetaInfoDef info = model.getMetaGraphs(0).getMetaInfoDef();
    assertThat(info.getTensorflowVersion()).isEqualTo("2.18.0");
    assertThat(info.getTensorflowGitVersion()).isEqualTo("v2.18.0");
    assertThat(info.getStrippedDefaultAttrs()).isTrue();
    assertThat(info.getTagsList()).containsExactly("serve");
    // same answers: (3-1)/2*2+0.5 = 2.5, (5-2)/3*3-1 = 2 -> [2.5, 2] x [[1,2],[3,4]] = [8.5, 13]
    assertThat(run(after)).containsExactly(8.5f, 13f);
    assertThat(run(before)).containsExactly(8.5f, 13f);
    try (var files = Files.list(after)) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
          .containsExactly("saved_model.pb", "variables");
    }
  }
}
