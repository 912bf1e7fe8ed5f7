package dev.tfj.server.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tfj.inference.BatchingConfig;
import dev.tfj.inference.Classifications;
import dev.tfj.inference.ImageBatch;
import dev.tfj.inference.ImageClassifier;
import dev.tfj.inference.ImageFeed;
import dev.tfj.inference.testing.TestBundles;
import dev.tfj.inference.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRegistryTest {

  private static final RegistryConfig NO_POLL = RegistryConfig.defaults().withPollInterval(Duration.ZERO);

  @TempDir Path base;

  @Test
  void loadsOurBundleAndBothForeignModels() throws IOException {
    TestBundles.exportOurs(base, "ours", 1, 7);
    TestData.copyForeign(TestData.KERAS_SOFTMAX, base, "softmax", 1);
    TestData.copyForeign(TestData.KERAS_CONV, base, "conv", 1);

    try (ModelRegistry registry = ModelRegistry.open(base, NO_POLL)) {
      assertThat(registry.models()).containsExactly("conv", "ours", "softmax");
      assertThat(registry.statuses()).extracting(VersionStatus::state).containsOnly(ModelState.AVAILABLE);
      try (ServableHandle conv = registry.acquire("conv", OptionalLong.empty())) {
        assertThat(conv.predictor().model().signatures()).containsKeys("serving_default", "serve");
        assertThat(conv.predictor().signature(null).inputs()).containsOnlyKeys("keras_tensor");
      }
    }
  }

  @Test
  void classifiesRealDigitsWithForeignModelsFromJava() throws IOException {
    TestData.copyForeign(TestData.KERAS_SOFTMAX, base, "softmax", 1);
    TestData.copyForeign(TestData.KERAS_CONV, base, "conv", 1);
    float[] images = TestData.mnistTestImages(200);
    int[] labels = TestData.mnistTestLabels(200);

    try (ModelRegistry registry = ModelRegistry.open(base, NO_POLL)) {
      for (String model : List.of("softmax", "conv")) {
        try (ServableHandle h = registry.acquire(model, OptionalLong.empty())) {
          Classifications p = ImageClassifier.over(h.predictor(), ImageFeed.defaults()).classify(new ImageBatch(200, images));
          assertThat(p.classes()[0]).isEqualTo(7);
          assertThat(accuracy(p.classes(), labels)).as(model).isGreaterThan(0.88);
          assertThat(p.probabilities()[0]).hasSize(10);
        }
      }
    }
  }

  @Test
  void latestPolicyFallsBackWhenTheNewestVersionIsCorrupt() throws IOException {
    TestBundles.exportOurs(base, "ours", 1, 1);
    TestBundles.exportOurs(base, "ours", 2, 2);
    Files.createDirectories(base.resolve("ours/3"));
    Files.write(base.resolve("ours/3/saved_model.pb"), "not a protobuf at all".getBytes());

    try (ModelRegistry registry = ModelRegistry.open(base, NO_POLL)) {
      List<VersionStatus> statuses = registry.statuses("ours");
      assertThat(statuses).extracting(VersionStatus::version).containsExactly(3L, 2L);
      assertThat(statuses.get(0).state()).isEqualTo(ModelState.ERROR);
      assertThat(statuses.get(0).errorCode()).isEqualTo("UNKNOWN");
      assertThat(statuses.get(0).errorMessage())
          .isEqualTo("Can't parse " + base.resolve("ours/3/saved_model.pb") + " as binary proto");
      assertThat(statuses.get(1).state()).isEqualTo(ModelState.AVAILABLE);
      try (ServableHandle h = registry.acquire("ours", OptionalLong.empty())) {
        assertThat(h.version()).isEqualTo(2);
      }
    }
  }

  @Test
  void allPolicyServesEveryVersion() throws IOException {
    TestBundles.exportOurs(base, "ours", 1, 1);
    TestBundles.exportOurs(base, "ours", 2, 2);

    try (ModelRegistry registry = ModelRegistry.open(base, NO_POLL.withVersionPolicy(VersionPolicy.ALL))) {
      assertThat(registry.statuses("ours")).extracting(VersionStatus::state)
          .containsExactly(ModelState.AVAILABLE, ModelState.AVAILABLE);
      try (ServableHandle one = registry.acquire("ours", OptionalLong.of(1));
          ServableHandle latest = registry.acquire("ours", OptionalLong.empty())) {
        assertThat(one.version()).isEqualTo(1);
        assertThat(latest.version()).isEqualTo(2);
      }
    }
  }

  @Test
  void reportsMissingVariablesWhileOtherModelsKeepServing() throws IOException {
    Path broken = TestBundles.exportOurs(base, "broken", 1, 1);
    deleteTree(broken.resolve("variables"));
    TestBundles.exportOurs(base, "ours", 1, 1);

    try (ModelRegistry registry = ModelRegistry.open(base, NO_POLL)) {
      VersionStatus status = registry.status("broken", 1);
      assertThat(status.state()).isEqualTo(ModelState.ERROR);
      assertThat(status.errorCode()).isEqualTo("FAILED_PRECONDITION");
      assertThat(status.errorMessage()).startsWith("Attempting to use uninitialized value Variable");
      assertThatThrownBy(() -> registry.acquire("broken", OptionalLong.empty()))
          .isInstanceOf(ModelNotFoundException.class);
      try (ServableHandle h = registry.acquire("ours", OptionalLong.empty())) {
        assertThat(h.version()).isEqualTo(1);
      }
    }
  }

  @Test
  void retriesAFailedVersionOnceItsFilesChange() throws IOException {
    Files.createDirectories(base.resolve("ours/1"));
    Files.write(base.resolve("ours/1/saved_model.pb"), new byte[] {1, 2, 3});

    try (ModelRegistry registry = ModelRegistry.open(base, NO_POLL)) {
      assertThat(registry.status("ours", 1).state()).isEqualTo(ModelState.ERROR);
      assertThat(registry.status("ours", 1).errorCode()).isEqualTo("OUT_OF_RANGE");
      assertThat(registry.status("ours", 1).errorMessage()).startsWith("Read less bytes than requested");
      deleteTree(base.resolve("ours/1"));
      TestBundles.exportOurs(base, "ours", 1, 1);
      registry.poll();
      assertThat(registry.status("ours", 1).state()).isEqualTo(ModelState.AVAILABLE);
    }
  }

  @Test
  void unknownModelsAndVersionsAreNotFound() throws IOException {
    TestBundles.exportOurs(base, "ours", 1, 1);
    try (ModelRegistry registry = ModelRegistry.open(base, NO_POLL)) {
      assertThatThrownBy(() -> registry.acquire("nope", OptionalLong.empty()))
          .isInstanceOf(ModelNotFoundException.class)
          .hasMessage("Servable not found for request: Latest(nope)");
      assertThatThrownBy(() -> registry.acquire("ours", OptionalLong.of(9)))
          .hasMessage("Servable not found for request: Specific(ours, 9)");
      assertThatThrownBy(() -> registry.statuses("nope")).hasMessage("Could not find any versions of model nope");
    }
  }

  @Test
  void swapKeepsTheOldVersionOpenUntilItsLastRequestEnds() throws IOException {
    TestBundles.exportOurs(base, "ours", 1, 1);
    try (ModelRegistry registry = ModelRegistry.open(base, NO_POLL.withBatching(BatchingConfig.disabled()))) {
      ServableHandle old = registry.acquire("ours", OptionalLong.empty());
      TestBundles.exportOurs(base, "ours", 2, 2);
      registry.poll();

      assertThat(registry.status("ours", 2).state()).isEqualTo(ModelState.AVAILABLE);
      assertThat(registry.status("ours", 1).state()).isEqualTo(ModelState.UNLOADING);
      assertThat(ImageClassifier.over(old.predictor(), ImageFeed.defaults()).classify(ImageBatch.of(new float[784])).count()).isEqualTo(1);
      try (ServableHandle latest = registry.acquire("ours", OptionalLong.empty())) {
        assertThat(latest.version()).isEqualTo(2);
      }

      old.close();
      registry.poll(); // the close runs on the registry thread; this waits for it
      assertThat(registry.status("ours", 1).state()).isEqualTo(ModelState.END);
    }
  }

  @Test
  void readsZeroPaddedVersionDirectoriesAsTfServingDoes() throws IOException {
    Path exported = TestBundles.exportOurs(base, "ours", 123, 1);
    Files.move(exported, base.resolve("ours/00000123"));
    try (ModelRegistry registry = ModelRegistry.open(base, NO_POLL)) {
      assertThat(registry.status("ours", 123).state()).isEqualTo(ModelState.AVAILABLE);
    }
  }

  @Test
  void unloadsVersionsWhoseDirectoryDisappears() throws IOException {
    TestBundles.exportOurs(base, "ours", 1, 1);
    TestBundles.exportOurs(base, "other", 1, 1);
    try (ModelRegistry registry = ModelRegistry.open(base, NO_POLL)) {
      deleteTree(base.resolve("other"));
      registry.poll();
      registry.poll();
      assertThat(registry.models()).containsExactly("ours");
    }
  }

  private static double accuracy(int[] predicted, int[] labels) {
    int right = 0;
    for (int i = 0; i < labels.length; i++) {
      right += predicted[i] == labels[i] ? 1 : 0;
    }
    return (double) right / labels.length;
  }

  static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
