package dev.tfj.server.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Int64Value;
import dev.tfj.inference.testing.TestData;
import dev.tfj.serving.api.inference.GRPCInferenceServiceGrpc;
import dev.tfj.serving.api.inference.GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub;
import dev.tfj.serving.api.inference.InferParameter;
import dev.tfj.serving.api.inference.InferTensorContents;
import dev.tfj.serving.api.inference.ModelInferRequest;
import dev.tfj.serving.api.inference.ModelInferRequest.InferInputTensor;
import dev.tfj.serving.api.inference.ModelInferRequest.InferRequestedOutputTensor;
import dev.tfj.serving.api.inference.ModelInferResponse;
import dev.tfj.serving.api.inference.ModelMetadataRequest;
import dev.tfj.serving.api.inference.ModelMetadataResponse;
import dev.tfj.serving.api.inference.ModelReadyRequest;
import dev.tfj.serving.api.inference.ServerLiveRequest;
import dev.tfj.serving.api.inference.ServerMetadataRequest;
import dev.tfj.serving.api.inference.ServerReadyRequest;
import dev.tfj.serving.api.tfserving.ClassificationProtos.ClassificationRequest;
import dev.tfj.serving.api.tfserving.GetModelMetadataRequest;
import dev.tfj.serving.api.tfserving.GetModelMetadataResponse;
import dev.tfj.serving.api.tfserving.GetModelStatusRequest;
import dev.tfj.serving.api.tfserving.GetModelStatusResponse;
import dev.tfj.serving.api.tfserving.ModelServiceGrpc;
import dev.tfj.serving.api.tfserving.ModelSpec;
import dev.tfj.serving.api.tfserving.ModelVersionStatus;
import dev.tfj.serving.api.tfserving.MultiInferenceRequest;
import dev.tfj.serving.api.tfserving.PredictRequest;
import dev.tfj.serving.api.tfserving.PredictResponse;
import dev.tfj.serving.api.tfserving.PredictionServiceGrpc;
import dev.tfj.serving.api.tfserving.PredictionServiceGrpc.PredictionServiceBlockingStub;
import dev.tfj.serving.api.tfserving.RegressionRequest;
import dev.tfj.serving.api.tfserving.SignatureDefMap;
import dev.tfj.server.http.ServerConfig;
import dev.tfj.server.testing.TestServer;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;
import org.tensorflow.proto.error.Code;

/**
 * Every RPC of TF Serving's PredictionService and ModelService and of the Open Inference Protocol's
 * GRPCInferenceService, through a generated Java client, for our bundle and both Keras models.
 */
class GrpcApiTest {

  @TempDir static Path base;
  static TestServer server;
  static PredictionServiceBlockingStub predict;
  static GRPCInferenceServiceBlockingStub kserve;
  static final float[] DIGITS = TestData.mnistTestImages(3); // 7, 2, 1

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.withThreeModels(base);
    predict = PredictionServiceGrpc.newBlockingStub(server.channel());
    kserve = GRPCInferenceServiceGrpc.newBlockingStub(server.channel());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  // --- TF Serving: PredictionService ---

  @Test
  void predictsWithOurBundleAsRestDoes() {
    PredictResponse r = predict.predict(PredictRequest.newBuilder()
        .setModelSpec(ModelSpec.newBuilder().setName("mnist"))
        .putInputs("images", content(DIGITS, 3, 28, 28, 1))
        .build());
    assertThat(r.getModelSpec().getName()).isEqualTo("mnist");
    assertThat(r.getModelSpec().getVersion().getValue()).isEqualTo(1);
    assertThat(r.getModelSpec().getSignatureName()).isEqualTo("serving_default");
    assertThat(r.getOutputsMap()).containsOnlyKeys("classes", "probabilities");
    TensorProto probabilities = r.getOutputsOrThrow("probabilities");
    assertThat(probabilities.getDtype()).isEqualTo(DataType.DT_FLOAT);
    assertThat(probabilities.getTensorShape().getDimList()).extracting(TensorShapeProto.Dim::getSize).containsExactly(3L, 10L);
    float[] grpc = floats(probabilities.getTensorContent());

    JsonNode rest = server.post("/v1/models/mnist:predict", Map.of("instances", TestServer.nhwc(DIGITS, 3))).json();
    for (int row = 0; row < 3; row++) {
      for (int c = 0; c < 10; c++) {
        assertThat(grpc[row * 10 + c]).isCloseTo(rest.at("/predictions/" + row + "/probabilities/" + c).floatValue(), within(1e-6f));
      }
      assertThat(int64s(r.getOutputsOrThrow("classes").getTensorContent())[row])
          .isEqualTo(rest.at("/predictions/" + row + "/classes").asLong());
    }
  }

  @Test
  void predictsWithForeignModelsFromTypedValuesAndFiltersOutputs() {
    TensorProto.Builder typed = TensorProto.newBuilder().setDtype(DataType.DT_FLOAT).setTensorShape(shape(3, 28, 28));
    for (float v : DIGITS) {
      typed.addFloatVal(v);
    }
    PredictResponse softmax = predict.predict(PredictRequest.newBuilder()
        .setModelSpec(ModelSpec.newBuilder().setName("softmax").setVersion(Int64Value.of(1)))
        .putInputs("flatten_input", typed.build())
        .addOutputFilter("dense")
        .build());
    assertThat(softmax.getOutputsMap()).containsOnlyKeys("dense");
    assertThat(argMaxRows(floats(softmax.getOutputsOrThrow("dense").getTensorContent()), 10)).containsExactly(7, 2, 1);

    PredictResponse conv = predict.predict(PredictRequest.newBuilder()
        .setModelSpec(ModelSpec.newBuilder().setName("conv").setSignatureName("serve"))
        .putInputs("keras_tensor", content(DIGITS, 3, 28, 28, 1))
        .build());
    assertThat(conv.getModelSpec().getSignatureName()).isEqualTo("serve");
    assertThat(argMaxRows(floats(conv.getOutputsOrThrow("output_0").getTensorContent()), 10)).containsExactly(7, 2, 1);
  }

  @Test
  void predictErrorsCarryTfServingsCodes() {
    PredictRequest good = PredictRequest.newBuilder()
        .setModelSpec(ModelSpec.newBuilder().setName("mnist"))
        .putInputs("images", content(DIGITS, 1, 28, 28, 1))
        .build();
    assertStatus(() -> predict.predict(good.toBuilder().setModelSpec(ModelSpec.newBuilder().setName("nope")).build()),
        Status.Code.NOT_FOUND, "nope");
    assertStatus(() -> predict.predict(good.toBuilder()
            .setModelSpec(ModelSpec.newBuilder().setName("mnist").setVersion(Int64Value.of(9))).build()),
        Status.Code.NOT_FOUND, "Specific(mnist, 9)");
    assertStatus(() -> predict.predict(good.toBuilder()
            .setModelSpec(ModelSpec.newBuilder().setName("mnist").setVersionLabel("stable")).build()),
        Status.Code.NOT_FOUND, "label: stable");
    assertStatus(() -> predict.predict(good.toBuilder()
            .setModelSpec(ModelSpec.newBuilder().setName("mnist").setSignatureName("nope")).build()),
        Status.Code.INVALID_ARGUMENT, "\"nope\" not found");
    assertStatus(() -> predict.predict(good.toBuilder().addOutputFilter("logits").build()),
        Status.Code.INVALID_ARGUMENT, "unknown output 'logits'");
    assertStatus(() -> predict.predict(good.toBuilder().clearInputs()
            .putInputs("images", TensorProto.newBuilder().setDtype(DataType.DT_INT32).setTensorShape(shape(1, 28, 28, 1))
                .addIntVal(0).build()).build()),
        Status.Code.INVALID_ARGUMENT, "DT_INT32");
    assertStatus(() -> predict.predict(good.toBuilder().clearInputs()
            .putInputs("pixels", content(DIGITS, 1, 28, 28, 1)).build()),
        Status.Code.INVALID_ARGUMENT, "pixels");
    assertStatus(() -> predict.predict(good.toBuilder().clearInputs()
            .putInputs("images", content(DIGITS, 1, 28, 28)).build()),
        Status.Code.INVALID_ARGUMENT, "shape");
    assertStatus(() -> predict.classify(ClassificationRequest.getDefaultInstance()), Status.Code.UNIMPLEMENTED, "Classify");
    assertStatus(() -> predict.regress(RegressionRequest.getDefaultInstance()), Status.Code.UNIMPLEMENTED, "Regress");
    assertStatus(() -> predict.multiInference(MultiInferenceRequest.getDefaultInstance()),
        Status.Code.UNIMPLEMENTED, "MultiInference");
  }

  @Test
  void refusesMessagesOverTheBodyLimit() {
    int floatsOver = (int) (ServerConfig.MAX_BODY_BYTES_DEFAULT / 4) + 1;
    PredictRequest huge = PredictRequest.newBuilder()
        .setModelSpec(ModelSpec.newBuilder().setName("mnist"))
        .putInputs("images", TensorProto.newBuilder().setDtype(DataType.DT_FLOAT)
            .setTensorContent(ByteString.copyFrom(new byte[floatsOver * 4])).build())
        .build();
    assertStatus(() -> predict.predict(huge), Status.Code.RESOURCE_EXHAUSTED, "");
  }

  @Test
  void describesSignaturesAsTfServingDoes() throws Exception {
    GetModelMetadataResponse r = predict.getModelMetadata(GetModelMetadataRequest.newBuilder()
        .setModelSpec(ModelSpec.newBuilder().setName("mnist"))
        .addMetadataField("signature_def")
        .build());
    assertThat(r.getModelSpec().getVersion().getValue()).isEqualTo(1);
    assertThat(r.getMetadataOrThrow("signature_def").getTypeUrl())
        .isEqualTo("type.googleapis.com/tensorflow.serving.SignatureDefMap");
    SignatureDefMap defs = r.getMetadataOrThrow("signature_def").unpack(SignatureDefMap.class);
    var serving = defs.getSignatureDefOrThrow("serving_default");
    assertThat(serving.getMethodName()).isEqualTo("tensorflow/serving/predict");
    assertThat(serving.getInputsOrThrow("images").getDtype()).isEqualTo(DataType.DT_FLOAT);
    assertThat(serving.getInputsOrThrow("images").getTensorShape().getDimList())
        .extracting(TensorShapeProto.Dim::getSize).containsExactly(-1L, 28L, 28L, 1L);
    assertThat(serving.getOutputsOrThrow("classes").getDtype()).isEqualTo(DataType.DT_INT64);

    var conv = predict.getModelMetadata(GetModelMetadataRequest.newBuilder()
            .setModelSpec(ModelSpec.newBuilder().setName("conv")).addMetadataField("signature_def").build())
        .getMetadataOrThrow("signature_def").unpack(SignatureDefMap.class);
    assertThat(conv.getSignatureDefMap()).containsKeys("serve", "serving_default");

    assertStatus(() -> predict.getModelMetadata(GetModelMetadataRequest.newBuilder()
        .setModelSpec(ModelSpec.newBuilder().setName("mnist")).build()), Status.Code.INVALID_ARGUMENT, "metadata_field");
    assertStatus(() -> predict.getModelMetadata(GetModelMetadataRequest.newBuilder()
            .setModelSpec(ModelSpec.newBuilder().setName("nope")).addMetadataField("signature_def").build()),
        Status.Code.NOT_FOUND, "nope");
  }

  // --- TF Serving: ModelService ---

  @Test
  void reportsVersionStatus() {
    var models = ModelServiceGrpc.newBlockingStub(server.channel());
    GetModelStatusResponse r = models.getModelStatus(GetModelStatusRequest.newBuilder()
        .setModelSpec(ModelSpec.newBuilder().setName("softmax")).build());
    assertThat(r.getModelVersionStatusList()).hasSize(1);
    ModelVersionStatus v = r.getModelVersionStatus(0);
    assertThat(v.getVersion()).isEqualTo(1);
    assertThat(v.getState()).isEqualTo(ModelVersionStatus.State.AVAILABLE);
    assertThat(v.getStatus().getErrorCode()).isEqualTo(Code.OK);
    assertThat(models.getModelStatus(GetModelStatusRequest.newBuilder()
            .setModelSpec(ModelSpec.newBuilder().setName("softmax").setVersion(Int64Value.of(1))).build())
        .getModelVersionStatusCount()).isEqualTo(1);
    assertStatus(() -> models.getModelStatus(GetModelStatusRequest.newBuilder()
        .setModelSpec(ModelSpec.newBuilder().setName("nope")).build()), Status.Code.NOT_FOUND, "nope");
    assertStatus(() -> models.getModelStatus(GetModelStatusRequest.newBuilder()
            .setModelSpec(ModelSpec.newBuilder().setName("softmax").setVersion(Int64Value.of(3))).build()),
        Status.Code.NOT_FOUND, "version 3");
  }

  // --- Open Inference Protocol ---

  @Test
  void answersHealthAndMetadata() {
    assertThat(kserve.serverLive(ServerLiveRequest.getDefaultInstance()).getLive()).isTrue();
    assertThat(kserve.serverReady(ServerReadyRequest.getDefaultInstance()).getReady()).isTrue();
    assertThat(kserve.modelReady(ModelReadyRequest.newBuilder().setName("conv").build()).getReady()).isTrue();
    assertThat(kserve.modelReady(ModelReadyRequest.newBuilder().setName("conv").setVersion("1").build()).getReady()).isTrue();
    assertStatus(() -> kserve.modelReady(ModelReadyRequest.newBuilder().setName("conv").setVersion("2").build()),
        Status.Code.NOT_FOUND, "version 2");
    assertStatus(() -> kserve.modelReady(ModelReadyRequest.newBuilder().setName("nope").build()), Status.Code.NOT_FOUND, "nope");
    var meta = kserve.serverMetadata(ServerMetadataRequest.getDefaultInstance());
    assertThat(meta.getName()).isEqualTo("tfj");

    ModelMetadataResponse ours = kserve.modelMetadata(ModelMetadataRequest.newBuilder().setName("mnist").build());
    assertThat(ours.getVersionsList()).containsExactly("1");
    assertThat(ours.getPlatform()).isEqualTo("tensorflow_savedmodel");
    assertThat(ours.getInputsList()).singleElement().satisfies(t -> {
      assertThat(t.getName()).isEqualTo("images");
      assertThat(t.getDatatype()).isEqualTo("FP32");
      assertThat(t.getShapeList()).containsExactly(-1L, 28L, 28L, 1L);
    });
    assertThat(ours.getOutputsList()).extracting(ModelMetadataResponse.TensorMetadata::getName)
        .containsExactly("classes", "probabilities");
    assertThat(ours.getOutputs(0).getDatatype()).isEqualTo("INT64");
    assertThat(kserve.modelMetadata(ModelMetadataRequest.newBuilder().setName("softmax").setVersion("1").build())
        .getInputs(0).getShapeList()).containsExactly(-1L, 28L, 28L);
    assertStatus(() -> kserve.modelMetadata(ModelMetadataRequest.newBuilder().setName("softmax").setVersion("x").build()),
        Status.Code.NOT_FOUND, "versions are integers");
  }

  @Test
  void infersFromTypedContentsAsRestDoes() {
    ModelInferResponse r = kserve.modelInfer(ModelInferRequest.newBuilder()
        .setModelName("softmax")
        .setId("req-1")
        .addInputs(InferInputTensor.newBuilder().setName("flatten_input").setDatatype("FP32")
            .addAllShape(List.of(3L, 28L, 28L))
            .setContents(fp32(DIGITS)))
        .addOutputs(InferRequestedOutputTensor.newBuilder().setName("dense"))
        .build());
    assertThat(r.getModelName()).isEqualTo("softmax");
    assertThat(r.getModelVersion()).isEqualTo("1");
    assertThat(r.getId()).isEqualTo("req-1");
    assertThat(r.getOutputsList()).singleElement().satisfies(o -> {
      assertThat(o.getName()).isEqualTo("dense");
      assertThat(o.getDatatype()).isEqualTo("FP32");
      assertThat(o.getShapeList()).containsExactly(3L, 10L);
    });
    float[] grpc = toArray(r.getOutputs(0).getContents().getFp32ContentsList());
    assertThat(argMaxRows(grpc, 10)).containsExactly(7, 2, 1);

    JsonNode rest = server.post("/v2/models/softmax/infer", Map.of("inputs", List.of(Map.of(
        "name", "flatten_input", "shape", List.of(3, 28, 28), "datatype", "FP32", "data", DIGITS)))).json();
    for (int i = 0; i < 30; i++) {
      assertThat(grpc[i]).isCloseTo(rest.at("/outputs/0/data/" + i).floatValue(), within(1e-6f));
    }

    ModelInferResponse ours = kserve.modelInfer(ModelInferRequest.newBuilder()
        .setModelName("mnist").setModelVersion("1")
        .addInputs(InferInputTensor.newBuilder().setName("images").setDatatype("FP32")
            .addAllShape(List.of(3L, 28L, 28L, 1L)).setContents(fp32(DIGITS)))
        .build());
    assertThat(ours.getOutputsList()).extracting(ModelInferResponse.InferOutputTensor::getName)
        .containsExactly("classes", "probabilities");
    assertThat(ours.getOutputs(0).getContents().getInt64ContentsCount()).isEqualTo(3);
  }

  @Test
  void infersFromRawContentsIntoRawOutputs() {
    ModelInferResponse r = kserve.modelInfer(ModelInferRequest.newBuilder()
        .setModelName("conv")
        .putParameters("signature_name", InferParameter.newBuilder().setStringParam("serve").build())
        .addInputs(InferInputTensor.newBuilder().setName("keras_tensor").setDatatype("FP32")
            .addAllShape(List.of(3L, 28L, 28L, 1L)))
        .addRawInputContents(littleEndian(DIGITS))
        .build());
    assertThat(r.getOutputs(0).hasContents()).isFalse();
    assertThat(r.getRawOutputContentsCount()).isEqualTo(1);
    assertThat(argMaxRows(floats(r.getRawOutputContents(0)), 10)).containsExactly(7, 2, 1);
  }

  @Test
  void inferErrorsCarryKServesCodes() {
    InferInputTensor.Builder images = InferInputTensor.newBuilder().setName("images").setDatatype("FP32")
        .addAllShape(List.of(1L, 28L, 28L, 1L)).setContents(fp32(TestData.mnistTestImages(1)));
    ModelInferRequest good = ModelInferRequest.newBuilder().setModelName("mnist").addInputs(images).build();
    assertThat(kserve.modelInfer(good).getOutputsCount()).isEqualTo(2);
    assertStatus(() -> kserve.modelInfer(good.toBuilder().setModelName("nope").build()), Status.Code.NOT_FOUND, "nope");
    assertStatus(() -> kserve.modelInfer(good.toBuilder().setModelVersion("4").build()), Status.Code.NOT_FOUND, "4");
    assertStatus(() -> kserve.modelInfer(good.toBuilder().setInputs(0, images.clone().setDatatype("INT32")
            .setContents(InferTensorContents.newBuilder().addAllIntContents(java.util.Collections.nCopies(784, 0)))).build()),
        Status.Code.INVALID_ARGUMENT, "datatype INT32");
    assertStatus(() -> kserve.modelInfer(good.toBuilder().setInputs(0, images.clone().clearShape()
            .addAllShape(List.of(2L, 28L, 28L, 1L))).build()),
        Status.Code.INVALID_ARGUMENT, "1568");
    assertStatus(() -> kserve.modelInfer(good.toBuilder().setInputs(0, images.clone().setName("pixels")).build()),
        Status.Code.INVALID_ARGUMENT, "unknown input 'pixels'");
    assertStatus(() -> kserve.modelInfer(good.toBuilder()
            .addOutputs(InferRequestedOutputTensor.newBuilder().setName("logits")).build()),
        Status.Code.INVALID_ARGUMENT, "unknown output 'logits'");
    assertStatus(() -> kserve.modelInfer(good.toBuilder().setInputs(0, images.clone().clearContents())
            .addRawInputContents(ByteString.copyFrom(new byte[12])).build()),
        Status.Code.INVALID_ARGUMENT, "12 bytes");
    assertStatus(() -> kserve.modelInfer(good.toBuilder().clearInputs().build()), Status.Code.INVALID_ARGUMENT, "no inputs");
  }

  // --- helpers ---

  static void assertStatus(ThrowingCallable call, Status.Code code, String messagePart) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).as(e.getStatus().toString()).isEqualTo(code);
          assertThat(e.getStatus().getDescription()).as(e.getStatus().toString()).contains(messagePart);
        });
  }

  static TensorShapeProto shape(long... dims) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    for (long d : dims) {
      shape.addDim(TensorShapeProto.Dim.newBuilder().setSize(d));
    }
    return shape.build();
  }

  /** The first images that fill the shape, as raw tensor_content. */
  static TensorProto content(float[] images, long... dims) {
    int n = 1;
    for (long d : dims) {
      n *= (int) d;
    }
    return TensorProto.newBuilder().setDtype(DataType.DT_FLOAT).setTensorShape(shape(dims))
        .setTensorContent(littleEndian(java.util.Arrays.copyOf(images, n))).build();
  }

  static ByteString littleEndian(float[] values) {
    ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    buf.asFloatBuffer().put(values);
    return ByteString.copyFrom(buf.array());
  }

  static InferTensorContents fp32(float[] values) {
    InferTensorContents.Builder c = InferTensorContents.newBuilder();
    for (float v : values) {
      c.addFp32Contents(v);
    }
    return c.build();
  }

  static float[] floats(ByteString bytes) {
    float[] v = new float[bytes.size() / 4];
    bytes.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
    return v;
  }

  static long[] int64s(ByteString bytes) {
    long[] v = new long[bytes.size() / 8];
    bytes.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(v);
    return v;
  }

  static float[] toArray(List<Float> values) {
    float[] v = new float[values.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = values.get(i);
    }
    return v;
  }

  static List<Integer> argMaxRows(float[] flat, int width) {
    List<Integer> best = new ArrayList<>();
    for (int row = 0; row < flat.length / width; row++) {
      int b = 0;
      for (int i = 1; i < width; i++) {
        if (flat[row * width + i] > flat[row * width + b]) {
          b = i;
        }
      }
      best.add(b);
    }
    return best;
  }
}
