package dev.tfj.server.grpc;

import com.google.protobuf.Any;
import com.google.protobuf.Int64Value;
import dev.tfj.inference.HostTensor;
import dev.tfj.inference.HostTensorProtos;
import dev.tfj.inference.InvalidInputException;
import dev.tfj.inference.PredictResult;
import dev.tfj.inference.Predictor;
import dev.tfj.inference.SignatureSpec;
import dev.tfj.serving.api.tfserving.ClassificationProtos.ClassificationRequest;
import dev.tfj.serving.api.tfserving.ClassificationProtos.ClassificationResponse;
import dev.tfj.serving.api.tfserving.GetModelMetadataRequest;
import dev.tfj.serving.api.tfserving.GetModelMetadataResponse;
import dev.tfj.serving.api.tfserving.ModelSpec;
import dev.tfj.serving.api.tfserving.MultiInferenceRequest;
import dev.tfj.serving.api.tfserving.MultiInferenceResponse;
import dev.tfj.serving.api.tfserving.PredictRequest;
import dev.tfj.serving.api.tfserving.PredictResponse;
import dev.tfj.serving.api.tfserving.PredictionServiceGrpc;
import dev.tfj.serving.api.tfserving.RegressionRequest;
import dev.tfj.serving.api.tfserving.RegressionResponse;
import dev.tfj.server.protocol.ModelRequests;
import dev.tfj.server.protocol.Outputs;
import dev.tfj.server.registry.ModelRegistry;
import dev.tfj.server.registry.ServableHandle;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.tensorflow.proto.TensorProto;

/** TF Serving's {@code tensorflow.serving.PredictionService} over the shared registry. */
final class TfServingPredictionService extends PredictionServiceGrpc.PredictionServiceImplBase {

  /** The one metadata field TF Serving knows. */
  static final String SIGNATURE_DEF = "signature_def";

  private final ModelRegistry registry;

  TfServingPredictionService(ModelRegistry registry) {
    this.registry = registry;
  }

  /** Claims the version a model spec names by number, by label, or the highest serving. */
  static ServableHandle acquire(ModelRegistry registry, ModelSpec spec) {
    OptionalLong version = spec.hasVersion() ? OptionalLong.of(spec.getVersion().getValue()) : OptionalLong.empty();
    return ModelRequests.acquire(registry, spec.getName(), version, spec.getVersionLabel());
  }

  /** The spec of the version that answered. */
  static ModelSpec answered(ServableHandle handle, String signature) {
    return ModelSpec.newBuilder()
        .setName(handle.model())
        .setVersion(Int64Value.of(handle.version()))
        .setSignatureName(signature)
        .build();
  }

  /** One servable claimed, one signature looked up, each tensor decoded once, one call. */
  @Override
  public void predict(PredictRequest request, StreamObserver<PredictResponse> observer) {
    Calls.answer(observer, () -> {
      try (ServableHandle handle = acquire(registry, request.getModelSpec())) {
        Predictor predictor = handle.predictor();
        SignatureSpec sig = predictor.signature(request.getModelSpec().getSignatureName());
        Map<String, HostTensor> inputs = new LinkedHashMap<>();
        for (Map.Entry<String, TensorProto> in : request.getInputsMap().entrySet()) {
          try {
            inputs.put(in.getKey(), HostTensorProtos.fromProto(in.getValue()));
          } catch (InvalidInputException e) {
            throw new InvalidInputException("input '" + in.getKey() + "': " + e.getMessage());
          }
        }
        var wanted = Outputs.select(sig, request.getOutputFilterList());
        Calls.checkDeadline();
        PredictResult result = predictor.predict(sig, inputs);
        PredictResponse.Builder response = PredictResponse.newBuilder().setModelSpec(answered(handle, sig.key()));
        for (String name : wanted) {
          response.putOutputs(name, HostTensorProtos.toProto(result.outputs().get(name)));
        }
        return response.build();
      }
    });
  }

  @Override
  public void getModelMetadata(GetModelMetadataRequest request, StreamObserver<GetModelMetadataResponse> observer) {
    Calls.answer(observer, () -> {
      if (request.getMetadataFieldCount() == 0) {
        throw new InvalidInputException("GetModelMetadataRequest must specify at least one metadata_field");
      }
      for (String field : request.getMetadataFieldList()) {
        if (!field.equals(SIGNATURE_DEF)) {
          throw new InvalidInputException("Metadata field " + field + " is not supported; ask for " + SIGNATURE_DEF);
        }
      }
      try (ServableHandle handle = acquire(registry, request.getModelSpec())) {
        return GetModelMetadataResponse.newBuilder()
            .setModelSpec(answered(handle, ""))
            .putMetadata(SIGNATURE_DEF, Any.pack(SignatureDefs.of(handle.predictor().model().signatures())))
            .build();
      }
    });
  }

  @Override
  public void classify(ClassificationRequest request, StreamObserver<ClassificationResponse> observer) {
    observer.onError(unimplemented("Classify"));
  }

  @Override
  public void regress(RegressionRequest request, StreamObserver<RegressionResponse> observer) {
    observer.onError(unimplemented("Regress"));
  }

  @Override
  public void multiInference(MultiInferenceRequest request, StreamObserver<MultiInferenceResponse> observer) {
    observer.onError(unimplemented("MultiInference"));
  }

  private static RuntimeException unimplemented(String method) {
    return Status.UNIMPLEMENTED
        .withDescription(method + " (tf.Example input) is not supported by this server; use Predict with tensors")
        .asRuntimeException();
  }
}
