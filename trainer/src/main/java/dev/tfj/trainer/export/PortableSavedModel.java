package dev.tfj.trainer.export;

import dev.tfj.bundle.BundleFiles;
import dev.tfj.bundle.TempFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.tensorflow.TensorFlow;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.FunctionDef;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.OpDef;
import org.tensorflow.proto.SavedModel;

/**
 * Rewrites an exported {@code saved_model.pb} the way Python's exporter writes it, so older TensorFlow
 * runtimes load it: every node attribute whose value equals its op's registered default is left out, and
 * {@code meta_info_def} says which TensorFlow wrote the graph.
 *
 * <p>TF Java's exporter writes every attribute, defaults included. A runtime that predates an attribute
 * (TF 2.4 and 1.15 do not know MatMul's {@code grad_a} or FusedBatchNormV3's {@code exponential_avg_factor})
 * refuses the whole graph, while a missing attribute with a default is filled in by every runtime that knows
 * it. This is Python's {@code strip_default_attrs}: an attribute is dropped only when the op is registered
 * here and its value is exactly the registered default.
 */
public final class PortableSavedModel {

  private PortableSavedModel() {}

  /** What a rewrite changed. */
  public record Stripped(int nodes, int attributes) {}

  /**
   * Rewrites {@code dir/saved_model.pb} in place (through a temporary file and a rename).
   *
   * @return how many nodes lost how many default-valued attributes
   */
  public static Stripped rewrite(Path dir) throws IOException {
    Path file = dir.resolve(BundleFiles.SAVED_MODEL);
    SavedModel model;
    try (InputStream in = Files.newInputStream(file)) {
      model = SavedModel.parseFrom(in);
    }
    Map<String, OpDef> ops = registeredOps();
    int[] counts = new int[2];
    SavedModel.Builder out = model.toBuilder();
    for (MetaGraphDef.Builder meta : out.getMetaGraphsBuilderList()) {
      GraphDef.Builder graph = meta.getGraphDefBuilder();
      for (NodeDef.Builder node : graph.getNodeBuilderList()) {
        strip(node, ops, counts);
      }
      for (FunctionDef.Builder function : graph.getLibraryBuilder().getFunctionBuilderList()) {
        for (NodeDef.Builder node : function.getNodeDefBuilderList()) {
          strip(node, ops, counts);
        }
      }
      meta.getMetaInfoDefBuilder()
          .setTensorflowVersion(TensorFlow.version())
          .setTensorflowGitVersion(gitVersion())
          .setStrippedDefaultAttrs(true);
    }
    Path tmp = TempFiles.createFile(dir, ".saved_model-", ".tmp");
    try {
      try (OutputStream os = Files.newOutputStream(tmp)) {
        out.build().writeTo(os);
      }
      TempFiles.replace(tmp, file);
    } finally {
      Files.deleteIfExists(tmp);
    }
    return new Stripped(counts[0], counts[1]);
  }

  /**
   * The release tag the TensorFlow Java natives were built from: the natives export the version
   * ({@code TF_Version}) but not the git commit Python records, so this is {@code v<version>}.
   */
  static String gitVersion() {
    return "v" + TensorFlow.version();
  }

  private static void strip(NodeDef.Builder node, Map<String, OpDef> ops, int[] counts) {
    OpDef op = ops.get(node.getOp());
    if (op == null) {
      return; // not registered here (a function call, a custom op): nothing is known to be a default
    }
    int before = node.getAttrCount();
    for (OpDef.AttrDef attr : op.getAttrList()) {
      AttrValue value = node.getAttrMap().get(attr.getName());
      if (value != null && attr.hasDefaultValue() && value.equals(attr.getDefaultValue())) {
        node.removeAttr(attr.getName());
      }
    }
    if (node.getAttrCount() < before) {
      counts[0]++;
      counts[1] += before - node.getAttrCount();
    }
  }

  private static Map<String, OpDef> registeredOps() {
    Map<String, OpDef> ops = new HashMap<>();
    for (OpDef op : TensorFlow.registeredOpList().getOpList()) {
      ops.put(op.getName(), op);
    }
    return ops;
  }
}
