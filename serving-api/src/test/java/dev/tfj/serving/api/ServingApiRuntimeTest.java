package dev.tfj.serving.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Any;
import com.google.protobuf.TextFormat;
import dev.tfj.serving.api.config.ModelServerConfig;
import dev.tfj.serving.api.tfserving.GetModelMetadataResponse;
import dev.tfj.serving.api.tfserving.PredictRequest;
import dev.tfj.serving.api.tfserving.SignatureDefMap;
import dev.tfj.serving.api.tfserving.StatusProto;
import org.junit.jupiter.api.Test;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.proto.TensorProto;

/** Our generated messages link to TensorFlow Java's own classes and run on the one protobuf runtime. */
class ServingApiRuntimeTest {

  @Test
  void predictRequestCarriesTensorFlowsTensorProto() throws Exception {
    assertThat(PredictRequest.getDescriptor().findFieldByName("inputs").getMessageType()
            .findFieldByName("value").getMessageType())
        .isSameAs(TensorProto.getDescriptor());
    PredictRequest request = PredictRequest.newBuilder()
        .putInputs("x", TensorProto.newBuilder().setDtype(DataType.DT_FLOAT).addFloatVal(0.5f).build())
        .build();
    PredictRequest back = PredictRequest.parseFrom(request.toByteArray());
    assertThat(back.getInputsOrThrow("x").getFloatVal(0)).isEqualTo(0.5f);
    assertThat(back.getInputsOrThrow("x")).isInstanceOf(TensorProto.class);
  }

  @Test
  void signatureDefMapPacksIntoAnyWithTfServingsTypeUrl() throws Exception {
    SignatureDef def = SignatureDef.newBuilder()
        .setMethodName("tensorflow/serving/predict")
        .putInputs("x", TensorInfo.newBuilder().setName("x:0").setDtype(DataType.DT_FLOAT).build())
        .build();
    Any packed = Any.pack(SignatureDefMap.newBuilder().putSignatureDef("serving_default", def).build());
    assertThat(packed.getTypeUrl()).isEqualTo("type.googleapis.com/tensorflow.serving.SignatureDefMap");
    GetModelMetadataResponse response =
        GetModelMetadataResponse.parseFrom(
            GetModelMetadataResponse.newBuilder().putMetadata("signature_def", packed).build().toByteArray());
    SignatureDefMap map = response.getMetadataOrThrow("signature_def").unpack(SignatureDefMap.class);
    assertThat(map.getSignatureDefOrThrow("serving_default").getInputsOrThrow("x").getName()).isEqualTo("x:0");
  }

  @Test
  void statusUsesTensorFlowsErrorCodes() {
    assertThat(StatusProto.newBuilder().setErrorCode(org.tensorflow.proto.error.Code.NOT_FOUND).build()
            .getErrorCodeValue())
        .isEqualTo(5);
  }

  @Test
  void parsesTfServingsModelConfigText() throws Exception {
    String text = """
        model_config_list {
          config {
            name: "mnist"
            base_path: "/models/mnist"
            model_platform: "tensorflow"
            model_version_policy { specific { versions: 1 versions: 3 } }
            version_labels { key: "stable" value: 1 }
            version_labels { key: "canary" value: 3 }
          }
        }
        """;
    ModelServerConfig.Builder config = ModelServerConfig.newBuilder();
    TextFormat.merge(text, config);
    var model = config.getModelConfigList().getConfig(0);
    assertThat(model.getName()).isEqualTo("mnist");
    assertThat(model.getModelVersionPolicy().getSpecific().getVersionsList()).containsExactly(1L, 3L);
    assertThat(model.getVersionLabelsMap()).containsEntry("canary", 3L).containsEntry("stable", 1L);
  }
}
