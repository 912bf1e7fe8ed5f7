package dev.tfj.server.grpc;

import dev.tfj.inference.HostTensor;
import dev.tfj.inference.InvalidInputException;
import dev.tfj.inference.PredictResult;
import dev.tfj.inference.Predictor;
import dev.tfj.inference.SignatureSpec;
import dev.tfj.serving.api.inference.GRPCInferenceServiceGrpc;
import dev.tfj.serving.api.inference.InferParameter;
import dev.tfj.serving.api.inference.ModelInferRequest;
import dev.tfj.serving.api.inference.ModelInferResponse;
import dev.tfj.serving.api.inference.ModelMetadataRequest;
import dev.tfj.serving.api.inference.ModelMetadataResponse;
import dev.tfj.serving.api.inference.ModelReadyRequest;
import dev.tfj.serving.api.inference.ModelReadyResponse;
import dev.tfj.serving.api.inference.ServerLiveRequest;
import dev.tfj.serving.api.inference.ServerLiveResponse;
import dev.tfj.serving.api.inference.ServerMetadataRequest;
import dev.tfj.serving.api.inference.ServerMetadataResponse;
import dev.tfj.serving.api.inference.ServerReadyRequest;
import dev.tfj.serving.api.inference.ServerReadyResponse;
import dev.tfj.server.protocol.KServeTensors;
import dev.tfj.server.protocol.ModelRequests;
import dev.tfj.server.protocol.Outputs;
import dev.tfj.server.protocol.RawTensors;
import dev.tfj.server.protocol.Readiness;
import dev.tfj.server.registry.ModelRegistry;
import dev.tfj.server.registry.ServableHandle;
import dev.tfj.server.registry.VersionStatus;
import io.grpc.stub.StreamObserver;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The Open Inference Protocol's {@code inference.GRPCInferenceService} over the shared registry. */
final class KServeInferenceService extends GRPCInferenceServiceGrpc.GRPCInferenceServiceImplBase {

  private static final String VERSION =
      Objects.requireNonNullElse(KServeInferenceService.class.getPackage().getImplementationVersion(), "dev");

  private final ModelRegistry registry;

  KServeInferenceService(ModelRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void serverLive(ServerLiveRequest request, StreamObserver<ServerLiveResponse> observer) {
    Calls.answer(observer, () -> ServerLiveResponse.newBuilder().setLive(true).build());
  }

  @Override
  public void serverReady(ServerReadyRequest request, StreamObserver<ServerReadyResponse> observer) {
    Calls.answer(observer, () -> ServerReadyResponse.newBuilder().setReady(Readiness.server(registry)).build());
  }

  @Override
  public void modelReady(ModelReadyRequest request, StreamObserver<ModelReadyResponse> observer) {
    Calls.answer(observer, () -> ModelReadyResponse.newBuilder()
        .setReady(Readiness.model(
            registry, request.getName(), ModelRequests.parseVersion(request.getName(), request.getVersion())))
        .build());
  }

  @Override
  public void serverMetadata(ServerMetadataRequest request, StreamObserver<ServerMetadataResponse> observer) {
    Calls.answer(observer, () -> ServerMetadataResponse.newBuilder()
        .setName("tfj")
        .setVersion(VERSION)
        .addAllExtensions(KServeTensors.EXTENSIONS)
        .build());
  }

  @Override
  public void modelMetadata(ModelMetadataRequest request, StreamObserver<ModelMetadataResponse> observer) {
    Calls.answer(observer, () -> {
      String model = request.getName();
      try (ServableHandle handle = ModelRequests.acquire(
          registry, model, ModelRequests.parseVersion(model, request.getVersion()), null)) {
        SignatureSpec sig = handle.predictor().signature(null);
        return ModelMetadataResponse.newBuilder()
            .setName(handle.model())
            .addAllVersions(registry.statuses(handle.model()).stream()
                .filter(VersionStatus::available)
                .map(s -> Long.toString(s.version()))
                .toList())
            .setPlatform(KServeTensors.PLATFORM)
            .addAllInputs(tensors(KServeTensors.metadata(sig.inputs())))
            .addAllOutputs(tensors(KServeTensors.metadata(sig.outputs())))
            .build();
      }
    });
  }

  private static List<ModelMetadataResponse.TensorMetadata> tensors(List<KServeTensors.TensorMeta> metas) {
    return metas.stream()
        .map(m -> ModelMetadataResponse.TensorMetadata.newBuilder()
            .setName(m.name())
            .setDatatype(m.datatype())
            .addAllShape(java.util.Arrays.stream(m.shape()).boxed().toList())
            .build())
        .toList();
  }

  /** One servable claimed, one signature looked up, each input decoded once into its dtype, one call. */
  @Override
  public void modelInfer(ModelInferRequest request, StreamObserver<ModelInferResponse> observer) {
    Calls.answer(observer, () -> {
      String model = request.getModelName();
      boolean raw = request.getRawInputContentsCount() > 0;
      if (raw && request.getRawInputContentsCount() != request.getInputsCount()) {
        throw new InvalidInputException("raw_input_contents has " + request.getRawInputContentsCount()
            + " buffers for " + request.getInputsCount() + " inputs; send one per input, or none");
      }
      if (request.getInputsCount() == 0) {
        throw new InvalidInputException("empty batch: the request has no inputs");
      }
      try (ServableHandle handle = ModelRequests.acquire(
          registry, model, ModelRequests.parseVersion(model, request.getModelVersion()), null)) {
        Predictor predictor = handle.predictor();
        SignatureSpec sig = predictor.signature(signatureName(request.getParametersMap()));
        Map<String, HostTensor> inputs = new LinkedHashMap<>();
        for (int i = 0; i < request.getInputsCount(); i++) {
          ModelInferRequest.InferInputTensor in = request.getInputs(i);
          String name = in.getName();
          if (inputs.containsKey(name)) {
            throw new InvalidInputException("input '" + name + "' is given twice");
          }
          long[] shape = in.getShapeList().stream().mapToLong(Long::longValue).toArray();
          int at = i;
          inputs.put(name, KServeTensors.input(sig, name, in.getDatatype(), shape, dtype -> raw
              ? RawTensors.decode(name, dtype, shape, request.getRawInputContents(at))
              : InferContents.read(name, dtype, shape, in.getContents())));
        }
        List<String> wanted = Outputs.select(
            sig, request.getOutputsList().stream().map(ModelInferRequest.InferRequestedOutputTensor::getName).toList());
        Calls.checkDeadline();
        PredictResult result = predictor.predict(sig, inputs);
        ModelInferResponse.Builder response = ModelInferResponse.newBuilder()
            .setModelName(handle.model())
            .setModelVersion(Long.toString(handle.version()))
            .setId(request.getId());
        for (String name : wanted) {
          HostTensor t = result.outputs().get(name);
          ModelInferResponse.InferOutputTensor.Builder out = ModelInferResponse.InferOutputTensor.newBuilder()
              .setName(name)
              .setDatatype(t.dtype().kserveName())
              .addAllShape(java.util.Arrays.stream(t.shape()).boxed().toList());
          if (raw) {
            response.addRawOutputContents(RawTensors.encode(t));
          } else {
            out.setContents(InferContents.write(t));
          }
          response.addOutputs(out);
        }
        return response.build();
      }
    });
  }

  private static String signatureName(Map<String, InferParameter> parameters) {
    InferParameter p = parameters.get("signature_name");
    if (p == null) {
      return null;
    }
    if (p.getParameterChoiceCase() != InferParameter.ParameterChoiceCase.STRING_PARAM) {
      throw new InvalidInputException("parameter \"signature_name\" must be a string");
    }
    return p.getStringParam();
  }
}
