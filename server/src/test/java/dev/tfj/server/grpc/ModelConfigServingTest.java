package dev.tfj.server.grpc;

import static dev.tfj.server.grpc.GrpcApiTest.DIGITS;
import static dev.tfj.server.grpc.GrpcApiTest.assertStatus;
import static dev.tfj.server.grpc.GrpcApiTest.content;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Int64Value;
import com.google.protobuf.TextFormat;
import dev.tfj.inference.testing.TestBundles;
import dev.tfj.serving.api.config.ModelServerConfig;
import dev.tfj.serving.api.tfserving.GetModelStatusRequest;
import dev.tfj.serving.api.tfserving.ModelServiceGrpc;
import dev.tfj.serving.api.tfserving.ModelSpec;
import dev.tfj.serving.api.tfserving.PredictRequest;
import dev.tfj.serving.api.tfserving.PredictionServiceGrpc;
import dev.tfj.serving.api.tfserving.ReloadConfigRequest;
import dev.tfj.server.config.InvalidModelConfigException;
import dev.tfj.server.http.ModelServer;
import dev.tfj.server.http.ServerConfig;
import dev.tfj.server.registry.ServedModel;
import dev.tfj.server.testing.TestServer;
import dev.tfj.server.testing.TestServer.Response;
import io.grpc.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server started from a model config file: version policies latest 2, all and specific [1, 3] over one
 * base path with versions 1, 2 and 3; labels over REST and gRPC; a changed file and a gRPC reload applied
 * without a restart.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModelConfigServingTest {

  private static final String CONFIG = """
      model_config_list {
        config {
          name: "recent"
          base_path: "models/mnist"
          model_platform: "tensorflow"
          model_version_policy { latest { num_versions: 2 } }
        }
        config { name: "every" base_path: "models/mnist" model_version_policy { all {} } }
        config {
          name: "picked"
          base_path: "models/mnist"
          model_version_policy { specific { versions: 1 versions: 3 } }
          version_labels { key: "stable" value: 1 }
          version_labels { key: "canary" value: 3 }
        }
      }
      """;

  private Path dir;
  private Path configFile;
  private TestServer server;
  private PredictionServiceGrpc.PredictionServiceBlockingStub predict;

  @BeforeAll
  void start(@TempDir Path tmp) throws Exception {
    dir = tmp;
    for (long v = 1; v <= 3; v++) {
      TestBundles.exportOurs(dir.resolve("models"), "mnist", v, v);
    }
    configFile = Files.writeString(dir.resolve("models.config"), CONFIG);
    server = TestServer.of(ModelServer.startWithConfigFile(configFile, Duration.ZERO, local()));
    predict = PredictionServiceGrpc.newBlockingStub(server.channel());
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private static ServerConfig local() {
    return ServerConfig.defaults().withHost("127.0.0.1").withPort(0).withGrpcPort(0).withPollInterval(Duration.ZERO);
  }

  @Test
  void eachModelServesTheVersionsItsPolicyChooses() {
    assertThat(versions("/v1/models/recent")).containsExactly("3", "2");
    assertThat(versions("/v1/models/every")).containsExactly("3", "2", "1");
    assertThat(versions("/v1/models/picked")).containsExactly("3", "1");
    assertThat(server.get("/v1/models/picked/versions/2").status()).isEqualTo(404);
    assertThat(server.post("/v1/models/picked/versions/2:predict", predictBody()).status()).isEqualTo(404);
    assertThat(server.post("/v1/models/recent/versions/1:predict", predictBody()).status()).isEqualTo(404);
    assertThat(server.post("/v1/models/every/versions/1:predict", predictBody()).status()).isEqualTo(200);
    assertStatus(() -> predict.predict(request(ModelSpec.newBuilder().setName("picked").setVersion(Int64Value.of(2)))),
        Status.Code.NOT_FOUND, "Specific(picked, 2)");
  }

  @Test
  void labelsNameVersionsOverRest() {
    assertThat(versions("/v1/models/picked/labels/stable")).containsExactly("1");
    assertThat(server.get("/v1/models/picked/labels/canary/metadata").json().at("/model_spec/version").asText())
        .isEqualTo("3");
    Response byLabel = server.post("/v1/models/picked/labels/stable:predict", predictBody());
    Response byNumber = server.post("/v1/models/picked/versions/1:predict", predictBody());
    Response other = server.post("/v1/models/picked/versions/3:predict", predictBody());
    assertThat(byLabel.status()).isEqualTo(200);
    assertThat(byLabel.json()).isEqualTo(byNumber.json()).isNotEqualTo(other.json());

    Response unknown = server.get("/v1/models/picked/labels/beta");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().get("error").asText())
        .isEqualTo("Unrecognized servable version label: beta of model picked");
    assertThat(server.post("/v1/models/picked/labels/beta:predict", predictBody()).status()).isEqualTo(404);
    assertThat(server.get("/v1/models/every/labels/stable/metadata").status()).isEqualTo(404);
  }

  @Test
  void labelsNameVersionsOverGrpc() {
    var answer = predict.predict(request(ModelSpec.newBuilder().setName("picked").setVersionLabel("canary")));
    assertThat(answer.getModelSpec().getVersion().getValue()).isEqualTo(3);
    var status = ModelServiceGrpc.newBlockingStub(server.channel()).getModelStatus(GetModelStatusRequest.newBuilder()
        .setModelSpec(ModelSpec.newBuilder().setName("picked").setVersionLabel("stable")).build());
    assertThat(status.getModelVersionStatusList()).extracting(s -> s.getVersion()).containsExactly(1L);
    assertStatus(() -> predict.predict(request(ModelSpec.newBuilder().setName("picked").setVersionLabel("beta"))),
        Status.Code.NOT_FOUND, "Unrecognized servable version label: beta of model picked");
  }

  @Test
  void aChangedFileAndAReloadRequestApplyWithoutARestart() throws Exception {
    // A second server, so the shared one above keeps its config.
    Path own = Files.writeString(dir.resolve("own.config"), """
        model_config_list { config { name: "m" base_path: "models/mnist"
          model_version_policy { specific { versions: 1 } } version_labels { key: "stable" value: 1 } } }
        """);
    ModelServer started = ModelServer.startWithConfigFile(own, Duration.ZERO, local());
    try (TestServer reloading = TestServer.of(started)) {
      var grpc = PredictionServiceGrpc.newBlockingStub(reloading.channel());
      assertThat(versions(reloading, "/v1/models/m")).containsExactly("1");

      Files.writeString(own, """
          model_config_list { config { name: "m" base_path: "models/mnist"
            model_version_policy { specific { versions: 2 } } version_labels { key: "stable" value: 2 } } }
          """);
      started.reloadConfigFile(); // what the file poller does every --model-config-file-poll-wait-seconds
      assertThat(grpc.predict(request(ModelSpec.newBuilder().setName("m").setVersionLabel("stable")))
          .getModelSpec().getVersion().getValue()).isEqualTo(2);
      assertThat(reloading.post("/v1/models/m/versions/1:predict", predictBody()).status()).isEqualTo(404);

      ModelServerConfig.Builder next = ModelServerConfig.newBuilder();
      TextFormat.merge("""
          model_config_list { config { name: "n" base_path: "%s"
            model_version_policy { latest { num_versions: 1 } } version_labels { key: "prod" value: 3 } } }
          """.formatted(dir.resolve("models/mnist")), next);
      var reply = ModelServiceGrpc.newBlockingStub(reloading.channel())
          .handleReloadConfigRequest(ReloadConfigRequest.newBuilder().setConfig(next).build());
      assertThat(reply.getStatus().getErrorCodeValue()).isZero();
      assertThat(grpc.predict(request(ModelSpec.newBuilder().setName("n").setVersionLabel("prod")))
          .getModelSpec().getVersion().getValue()).isEqualTo(3);
      assertStatus(() -> grpc.predict(request(ModelSpec.newBuilder().setName("m"))), Status.Code.NOT_FOUND, "m");

      assertStatus(() -> ModelServiceGrpc.newBlockingStub(reloading.channel()).handleReloadConfigRequest(
              ReloadConfigRequest.newBuilder().setConfig(ModelServerConfig.newBuilder().setModelConfigList(
                  dev.tfj.serving.api.config.ModelConfigList.newBuilder().addConfig(
                      dev.tfj.serving.api.config.ModelConfig.newBuilder().setName("x")))).build()),
          Status.Code.INVALID_ARGUMENT, "model x has no base_path");
      assertThat(versions(reloading, "/v1/models/n")).containsExactly("3");
    }
  }

  @Test
  void aBadFileOnReReadKeepsTheModelsServing() throws Exception {
    Path own = Files.writeString(dir.resolve("bad-later.config"),
        "model_config_list { config { name: \"m\" base_path: \"models/mnist\" } }");
    ModelServer started = ModelServer.startWithConfigFile(own, Duration.ZERO, local());
    try (TestServer s = TestServer.of(started)) {
      Files.writeString(own, "model_config_list { config { name: \"m\" base_path: \"models/mnist\" ");
      org.assertj.core.api.Assertions.assertThatThrownBy(started::reloadConfigFile)
          .isInstanceOf(InvalidModelConfigException.class)
          .hasMessageStartingWith("not a model config in text format: 1:");
      assertThat(versions(s, "/v1/models/m")).containsExactly("3");
    }
  }

  @Test
  void servesOneModelFromItsOwnBasePath() throws Exception {
    ServedModel one = ServedModel.latest("digits", dir.resolve("models/mnist"));
    try (TestServer s = TestServer.of(ModelServer.start(List.of(one), local()))) {
      assertThat(versions(s, "/v1/models/digits")).containsExactly("3");
      assertThat(s.post("/v1/models/digits:predict", predictBody()).status()).isEqualTo(200);
      assertThat(s.get("/v1/models/mnist").status()).isEqualTo(404);
    }
  }

  private List<String> versions(String path) {
    return versions(server, path);
  }

  private static List<String> versions(TestServer s, String path) {
    Response r = s.get(path);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().get("model_version_status").findValuesAsText("version");
  }

  private static Map<String, Object> predictBody() {
    return Map.of("instances", TestServer.nhwc(java.util.Arrays.copyOf(DIGITS, 784), 1));
  }

  private static PredictRequest request(ModelSpec.Builder spec) {
    return PredictRequest.newBuilder().setModelSpec(spec).putInputs("images", content(DIGITS, 1, 28, 28, 1)).build();
  }
}
