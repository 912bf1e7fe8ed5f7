package dev.tfj.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tfj.server.registry.ModelState;
import dev.tfj.server.registry.VersionStatus;
import dev.tfj.inference.testing.TestData;
import dev.tfj.server.testing.TestServer;
import dev.tfj.server.testing.TestServer.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A new version appears while clients loop predict calls: it goes live, the old one goes away, nobody fails. */
class HotReloadTest {

  @TempDir Path base;

  @Test
  void swapsVersionsUnderLoadWithoutAFailedRequest() throws Exception {
    TestData.copyForeign(TestData.KERAS_CONV, base, "conv", 1);
    float[] seven = TestData.mnistTestImages(1);
    Map<String, Object> infer = Map.of("inputs", List.of(Map.of(
        "name", "keras_tensor", "shape", List.of(1, 28, 28, 1), "datatype", "FP32", "data", seven)));
    Map<String, Object> predict = Map.of("instances", TestServer.nhwc(seven, 1));

    // No background polling: the test scans the directory itself, at a point the latches fix.
    try (TestServer server = TestServer.start(base, ServerConfig.defaults().withPollInterval(Duration.ZERO))) {
      AtomicBoolean running = new AtomicBoolean(true);
      AtomicBoolean swapped = new AtomicBoolean();
      CountDownLatch servedByOne = new CountDownLatch(30); // KServe answers from version 1
      List<CountDownLatch> servedAfterSwap = new ArrayList<>(); // per client: requests begun after the swap
      List<String> failures = new CopyOnWriteArrayList<>();
      Set<String> versionsSeen = ConcurrentHashMap.newKeySet();
      List<Thread> clients = new ArrayList<>();
      for (int c = 0; c < 3; c++) {
        boolean kserve = c != 1;
        CountDownLatch afterSwap = new CountDownLatch(10);
        servedAfterSwap.add(afterSwap);
        Thread client = new Thread(() -> {
          while (running.get()) {
            boolean begunAfterSwap = swapped.get();
            Response r = kserve ? server.post("/v2/models/conv/infer", infer) : server.post("/v1/models/conv:predict", predict);
            if (r.status() != 200) {
              failures.add(r.status() + " " + r.body());
            } else if (kserve) {
              String version = r.json().get("model_version").asText();
              versionsSeen.add(version);
              if (version.equals("1")) {
                servedByOne.countDown();
              }
            }
            if (begunAfterSwap) {
              afterSwap.countDown();
            }
          }
        });
        client.start();
        clients.add(client);
      }

      assertThat(servedByOne.await(30, TimeUnit.SECONDS)).isTrue();
      Path staging = base.resolve("conv/.staging");
      TestData.copyTree(base.resolve("conv/1"), staging);
      Files.move(staging, base.resolve("conv/2"), StandardCopyOption.ATOMIC_MOVE);
      server.registry().poll(); // loads version 2, then lets version 1 go once its requests end
      swapped.set(true);
      for (CountDownLatch afterSwap : servedAfterSwap) {
        assertThat(afterSwap.await(30, TimeUnit.SECONDS)).isTrue();
      }
      running.set(false);
      for (Thread client : clients) {
        client.join();
      }
      server.registry().poll(); // every request on version 1 has ended; this waits for its close to run

      assertThat(failures).isEmpty();
      assertThat(versionsSeen).containsExactlyInAnyOrder("1", "2");
      assertThat(state(server, 1)).isEqualTo(ModelState.END);
      assertThat(state(server, 2)).isEqualTo(ModelState.AVAILABLE);
      Response status = server.get("/v1/models/conv");
      assertThat(status.json().findValuesAsText("state")).containsExactly("AVAILABLE", "END");
    }
  }

  private static ModelState state(TestServer server, long version) {
    return server.registry().statuses("conv").stream()
        .filter(s -> s.version() == version)
        .map(VersionStatus::state)
        .findFirst()
        .orElse(null);
  }
}
