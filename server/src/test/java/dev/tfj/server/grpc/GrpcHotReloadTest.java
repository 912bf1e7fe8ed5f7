package dev.tfj.server.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tfj.inference.testing.TestData;
import dev.tfj.serving.api.inference.GRPCInferenceServiceGrpc;
import dev.tfj.serving.api.inference.ModelInferRequest;
import dev.tfj.serving.api.tfserving.ModelSpec;
import dev.tfj.serving.api.tfserving.PredictRequest;
import dev.tfj.serving.api.tfserving.PredictionServiceGrpc;
import dev.tfj.server.http.ServerConfig;
import dev.tfj.server.registry.ModelState;
import dev.tfj.server.testing.TestServer;
import io.grpc.StatusRuntimeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A new version goes live under looping gRPC clients of both protocols, and no call fails. */
class GrpcHotReloadTest {

  @TempDir Path base;

  @Test
  void swapsVersionsUnderGrpcLoadWithoutAFailedCall() throws Exception {
    TestData.copyForeign(TestData.KERAS_CONV, base, "conv", 1);
    float[] seven = TestData.mnistTestImages(1);
    PredictRequest predict = PredictRequest.newBuilder()
        .setModelSpec(ModelSpec.newBuilder().setName("conv"))
        .putInputs("keras_tensor", GrpcApiTest.content(seven, 1, 28, 28, 1))
        .build();
    ModelInferRequest infer = ModelInferRequest.newBuilder()
        .setModelName("conv")
        .addInputs(ModelInferRequest.InferInputTensor.newBuilder().setName("keras_tensor").setDatatype("FP32")
            .addAllShape(List.of(1L, 28L, 28L, 1L)).setContents(GrpcApiTest.fp32(seven)))
        .build();

    // No background polling: the test scans the directory itself, at a point the latches fix.
    try (TestServer server = TestServer.start(base, ServerConfig.defaults().withPollInterval(Duration.ZERO))) {
      var tfServing = PredictionServiceGrpc.newBlockingStub(server.channel());
      var kserve = GRPCInferenceServiceGrpc.newBlockingStub(server.channel());
      AtomicBoolean running = new AtomicBoolean(true);
      AtomicBoolean swapped = new AtomicBoolean();
      CountDownLatch servedByOne = new CountDownLatch(30);
      List<CountDownLatch> servedByTwo = new ArrayList<>();
      List<String> failures = new CopyOnWriteArrayList<>();
      Set<Long> versionsSeen = ConcurrentHashMap.newKeySet();
      List<Thread> clients = new ArrayList<>();
      for (int c = 0; c < 4; c++) {
        boolean useKserve = c % 2 == 0;
        CountDownLatch afterSwap = new CountDownLatch(10);
        servedByTwo.add(afterSwap);
        Thread client = new Thread(() -> {
          while (running.get()) {
            try {
              long version = useKserve
                  ? Long.parseLong(kserve.modelInfer(infer).getModelVersion())
                  : tfServing.predict(predict).getModelSpec().getVersion().getValue();
              versionsSeen.add(version);
              if (version == 1) {
                servedByOne.countDown();
              } else if (swapped.get()) {
                afterSwap.countDown();
              }
            } catch (StatusRuntimeException e) {
              failures.add(e.getStatus().toString());
            }
          }
        });
        client.start();
        clients.add(client);
      }

      assertThat(servedByOne.await(60, TimeUnit.SECONDS)).isTrue();
      Path staging = base.resolve("conv/.staging");
      TestData.copyTree(base.resolve("conv/1"), staging);
      Files.move(staging, base.resolve("conv/2"), StandardCopyOption.ATOMIC_MOVE);
      server.registry().poll(); // loads version 2, then lets version 1 go once its calls end
      swapped.set(true);
      for (CountDownLatch afterSwap : servedByTwo) {
        assertThat(afterSwap.await(60, TimeUnit.SECONDS)).isTrue();
      }
      running.set(false);
      for (Thread client : clients) {
        client.join();
      }
      server.registry().poll();

      assertThat(failures).isEmpty();
      assertThat(versionsSeen).containsExactlyInAnyOrder(1L, 2L);
      assertThat(server.registry().status("conv", 1).state()).isEqualTo(ModelState.END);
      assertThat(server.registry().status("conv", 2).state()).isEqualTo(ModelState.AVAILABLE);
    }
  }
}
