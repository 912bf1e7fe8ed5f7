package dev.tfj.server.http.kserve;

import dev.tfj.inference.SignatureSpec;
import dev.tfj.server.protocol.KServeTensors;
import dev.tfj.server.protocol.KServeTensors.TensorMeta;
import java.util.List;

/** The Open Inference Protocol's model metadata response, for the default signature. */
record ModelMetadataJson(
    String name, List<String> versions, String platform, List<TensorMeta> inputs, List<TensorMeta> outputs) {

  static ModelMetadataJson of(String name, List<String> versions, SignatureSpec sig) {
    return new ModelMetadataJson(
        name, versions, KServeTensors.PLATFORM, KServeTensors.metadata(sig.inputs()), KServeTensors.metadata(sig.outputs()));
  }
}
