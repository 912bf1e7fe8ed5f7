package dev.tfj.inference;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.proto.TensorShapeProto;

/** Reads signature specs out of a SavedModel's meta graph. */
final class Signatures {

  private Signatures() {}

  /** Every signature in the meta graph, sorted by key, including ones that cannot be called. */
  static Map<String, SignatureSpec> read(MetaGraphDef metaGraph) {
    Map<String, SignatureSpec> all = new LinkedHashMap<>();
    new TreeMap<>(metaGraph.getSignatureDefMap()).forEach((key, def) -> all.put(key, spec(key, def)));
    return all;
  }

  private static SignatureSpec spec(String key, SignatureDef def) {
    return new SignatureSpec(key, def.getMethodName(), tensors(def.getInputsMap()), tensors(def.getOutputsMap()));
  }

  private static Map<String, TensorSpec> tensors(Map<String, TensorInfo> infos) {
    Map<String, TensorSpec> specs = new LinkedHashMap<>();
    new TreeMap<>(infos).forEach((name, info) -> specs.put(name, tensor(name, info)));
    return specs;
  }

  private static TensorSpec tensor(String name, TensorInfo info) {
    TensorShapeProto shape = info.getTensorShape();
    long[] dims =
        shape.getUnknownRank() || !info.hasTensorShape()
            ? null
            : shape.getDimList().stream().mapToLong(TensorShapeProto.Dim::getSize).toArray();
    return new TensorSpec(name, info.getName(), info.getDtype(), dims);
  }
}
