package dev.tfj.server.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tfj.inference.testing.TestBundles;
import dev.tfj.server.protocol.Readiness;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A registry created without loading (a server opens its port meanwhile) reports not ready until started. */
class RegistryStartTest {

  private static final RegistryConfig NO_POLL = RegistryConfig.defaults().withPollInterval(Duration.ZERO);

  @TempDir Path base;

  @Test
  void isNotReadyUntilStartedThenLoadsEveryModel() throws Exception {
    for (String name : List.of("a", "b", "c")) {
      TestBundles.exportOurs(base, name, 1, 7);
    }
    try (ModelRegistry registry = ModelRegistry.create(base, NO_POLL)) {
      assertThat(registry.started()).isFalse();
      assertThat(registry.statuses()).isEmpty();
      assertThat(Readiness.server(registry)).isFalse(); // no model found yet is not "all models ready"

      registry.start();

      assertThat(registry.started()).isTrue();
      assertThat(registry.models()).containsExactly("a", "b", "c");
      assertThat(registry.statuses()).extracting(VersionStatus::state).containsOnly(ModelState.AVAILABLE);
      assertThat(Readiness.server(registry)).isTrue();
    }
  }

  @Test
  void anEmptyDirectoryIsReadyOnceScanned() throws Exception {
    try (ModelRegistry registry = ModelRegistry.create(base, NO_POLL)) {
      assertThat(Readiness.server(registry)).isFalse();
      registry.start();
      assertThat(Readiness.server(registry)).isTrue();
    }
  }
}
