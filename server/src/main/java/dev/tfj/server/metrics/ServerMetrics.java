package dev.tfj.server.metrics;

import dev.tfj.inference.BatchListener;
import dev.tfj.server.registry.ModelRegistry;
import dev.tfj.server.registry.ModelState;
import dev.tfj.server.registry.VersionStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The server's Prometheus metrics: requests and their latency by endpoint, model, version and HTTP status;
 * rows and requests per session run; the state of every model version; and the process' memory.
 */
public final class ServerMetrics implements BatchListener {

  private static final double[] BATCH_BUCKETS = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512};

  private final PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final ModelRegistry registry;
  private final MultiGauge states;

  /** Metrics for a registry; they listen to its session runs. */
  public ServerMetrics(ModelRegistry registry) {
    this.registry = registry;
    this.states =
        MultiGauge.builder("tfj.model.version.state")
            .description("1 for the state a model version is in, 0 for the others")
            .register(prometheus);
    new JvmMemoryMetrics().bindTo(prometheus);
    new JvmThreadMetrics().bindTo(prometheus);
    new ProcessorMetrics().bindTo(prometheus);
    Gauge.builder("tfj.process.resident.memory", ResidentMemory::bytes)
        .description("Resident set size of the process, native TensorFlow memory included")
        .baseUnit("bytes")
        .register(prometheus);
    registry.addBatchListener(this);
  }

  /** Counts one HTTP request and its latency. */
  public void recordRequest(String endpoint, String model, String version, int status, long nanos) {
    Tags tags =
        Tags.of("endpoint", endpoint, "model", model, "version", version, "status", Integer.toString(status));
    Counter.builder("tfj.requests").description("HTTP requests").tags(tags).register(prometheus).increment();
    Timer.builder("tfj.request.latency")
        .description("Time to answer an HTTP request")
        .tags(tags)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(10))
        .register(prometheus)
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void onRun(String model, long version, String signature, int requests, long rows) {
    Tags tags = Tags.of("model", model, "version", Long.toString(version), "signature", signature);
    DistributionSummary.builder("tfj.batch.size")
        .description("Rows per session run")
        .tags(tags)
        .serviceLevelObjectives(BATCH_BUCKETS)
        .register(prometheus)
        .record(rows);
    DistributionSummary.builder("tfj.batch.requests")
        .description("Requests answered by one session run")
        .tags(tags)
        .serviceLevelObjectives(BATCH_BUCKETS)
        .register(prometheus)
        .record(requests);
  }

  /** The Prometheus text exposition, model states refreshed first. */
  public String scrape() {
    List<MultiGauge.Row<?>> rows = new ArrayList<>();
    for (VersionStatus s : registry.statuses()) {
      for (ModelState state : ModelState.values()) {
        Tags tags = Tags.of("model", s.model(), "version", Long.toString(s.version()), "state", state.name());
        rows.add(MultiGauge.Row.of(tags, s.state() == state ? 1 : 0));
      }
    }
    states.register(rows, true);
    return prometheus.scrape();
  }

  /** The Micrometer registry, for callers that add their own meters. */
  public PrometheusMeterRegistry meterRegistry() {
    return prometheus;
  }
}
