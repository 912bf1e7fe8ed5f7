package dev.tfj.server.grpc;

import dev.tfj.inference.SignatureSpec;
import dev.tfj.inference.TensorSpec;
import dev.tfj.serving.api.tfserving.SignatureDefMap;
import java.util.Map;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.proto.TensorShapeProto;

/** A model's signatures as TF Serving's metadata carries them: TensorFlow's own SignatureDef messages. */
final class SignatureDefs {

  private SignatureDefs() {}

  static SignatureDefMap of(Map<String, SignatureSpec> signatures) {
    SignatureDefMap.Builder map = SignatureDefMap.newBuilder();
    signatures.forEach((key, sig) -> {
      SignatureDef.Builder def = SignatureDef.newBuilder().setMethodName(sig.methodName());
      sig.inputs().forEach((name, t) -> def.putInputs(name, info(t)));
      sig.outputs().forEach((name, t) -> def.putOutputs(name, info(t)));
      map.putSignatureDef(key, def.build());
    });
    return map.build();
  }

  private static TensorInfo info(TensorSpec t) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    if (t.unknownRank()) {
      shape.setUnknownRank(true);
    } else {
      for (long d : t.shape()) {
        shape.addDim(TensorShapeProto.Dim.newBuilder().setSize(d));
      }
    }
    return TensorInfo.newBuilder().setName(t.tensorName()).setDtype(t.dataType()).setTensorShape(shape).build();
  }
}
