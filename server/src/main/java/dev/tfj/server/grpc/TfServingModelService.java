package dev.tfj.server.grpc;

import dev.tfj.serving.api.config.ModelServerConfig;
import dev.tfj.serving.api.tfserving.GetModelStatusRequest;
import dev.tfj.serving.api.tfserving.GetModelStatusResponse;
import dev.tfj.serving.api.tfserving.ModelServiceGrpc;
import dev.tfj.serving.api.tfserving.ModelSpec;
import dev.tfj.serving.api.tfserving.ModelVersionStatus;
import dev.tfj.serving.api.tfserving.ReloadConfigRequest;
import dev.tfj.serving.api.tfserving.ReloadConfigResponse;
import dev.tfj.serving.api.tfserving.StatusProto;
import dev.tfj.server.protocol.ModelRequests;
import dev.tfj.server.registry.ModelRegistry;
import dev.tfj.server.registry.VersionStatus;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.tensorflow.proto.error.Code;

/** TF Serving's {@code tensorflow.serving.ModelService}: version states, and applying a new model config. */
final class TfServingModelService extends ModelServiceGrpc.ModelServiceImplBase {

  private final ModelRegistry registry;
  private final Consumer<ModelServerConfig> reload;

  /** {@code reload} applies a new model config, or throws when the server does not take one. */
  TfServingModelService(ModelRegistry registry, Consumer<ModelServerConfig> reload) {
    this.registry = registry;
    this.reload = reload;
  }

  @Override
  public void getModelStatus(GetModelStatusRequest request, StreamObserver<GetModelStatusResponse> observer) {
    Calls.answer(observer, () -> {
      ModelSpec spec = request.getModelSpec();
      String model = spec.getName();
      OptionalLong version = spec.hasVersion()
          ? OptionalLong.of(spec.getVersion().getValue())
          : ModelRequests.labelled(registry, model, spec.getVersionLabel());
      List<VersionStatus> statuses =
          version.isPresent() ? List.of(registry.status(model, version.getAsLong())) : registry.statuses(model);
      GetModelStatusResponse.Builder response = GetModelStatusResponse.newBuilder();
      statuses.forEach(s -> response.addModelVersionStatus(ModelVersionStatus.newBuilder()
          .setVersion(s.version())
          .setState(ModelVersionStatus.State.valueOf(s.state().tfServingName()))
          .setStatus(StatusProto.newBuilder().setErrorCode(code(s.errorCode())).setErrorMessage(s.errorMessage()))));
      return response.build();
    });
  }

  @Override
  public void handleReloadConfigRequest(ReloadConfigRequest request, StreamObserver<ReloadConfigResponse> observer) {
    Calls.answer(observer, () -> {
      reload.accept(request.getConfig());
      return ReloadConfigResponse.newBuilder()
          .setStatus(StatusProto.newBuilder().setErrorCode(Code.OK))
          .build();
    });
  }

  private static Code code(String name) {
    try {
      return Code.valueOf(name);
    } catch (IllegalArgumentException | NullPointerException e) {
      return Code.UNKNOWN;
    }
  }
}
