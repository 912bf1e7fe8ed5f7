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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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

  // The meters of each tag combination, found once: building and registering them on every request (the tags
  // sorted, the registry's maps searched) was a few percent of a one-image predict's CPU.
  private final Map<RequestKey, RequestMeters> requestMeters = new ConcurrentHashMap<>();
  private final Map<RunKey, RunMeters> runMeters = new ConcurrentHashMap<>();

  private record RequestKey(String endpoint, String model, String version, int status) {}

  private record RequestMeters(Counter count, Timer latency) {}

  private record RunKey(String model, long version, String signature) {}

  private record RunMeters(DistributionSummary rows, DistributionSummary requests) {}

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
    RequestMeters meters =
        requestMeters.computeIfAbsent(new RequestKey(endpoint, model, version, status), this::requestMeters);
    meters.count().increment();
    meters.latency().record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void onRun(String model, long version, String signature, int requests, long rows) {
    RunMeters meters = runMeters.computeIfAbsent(new RunKey(model, version, signature), this::runMeters);
    meters.rows().record(rows);
    meters.requests().record(requests);
  }

  private RequestMeters requestMeters(RequestKey k) {
    Tags tags =
        Tags.of("endpoint", k.endpoint(), "model", k.model(), "version", k.version(), "status",
            Integer.toString(k.status()));
    return new RequestMeters(
        Counter.builder("tfj.requests").description("HTTP requests").tags(tags).register(prometheus),
        Timer.builder("tfj.request.latency")
            .description("Time to answer an HTTP request")
            .tags(tags)
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofSeconds(10))
            .register(prometheus));
  }

  private RunMeters runMeters(RunKey k) {
    Tags tags = Tags.of("model", k.model(), "version", Long.toString(k.version()), "signature", k.signature());
    return new RunMeters(
        DistributionSummary.builder("tfj.batch.size")
            .description("Rows per session run")
            .tags(tags)
            .serviceLevelObjectives(BATCH_BUCKETS)
            .register(prometheus),
        DistributionSummary.builder("tfj.batch.requests")
            .description("Requests answered by one session run")
            .tags(tags)
            .serviceLevelObjectives(BATCH_BUCKETS)
            .register(prometheus));
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
