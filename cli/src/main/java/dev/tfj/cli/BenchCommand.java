package dev.tfj.cli;

import dev.tfj.bundle.MetricsFile;
import dev.tfj.bundle.ModelLayout;
import dev.tfj.cli.bench.BenchResult;
import dev.tfj.cli.bench.ExternalLoad;
import dev.tfj.cli.bench.GrpcPredict;
import dev.tfj.cli.bench.ImageBodies;
import dev.tfj.cli.bench.LoadRunner;
import dev.tfj.cli.bench.SessionRunner;
import dev.tfj.inference.BatchingConfig;
import dev.tfj.inference.ImageClassifier;
import dev.tfj.inference.ImageFeed;
import dev.tfj.inference.LoadedModel;
import dev.tfj.inference.Predictor;
import dev.tfj.inference.SessionThreads;
import dev.tfj.server.http.ModelServer;
import dev.tfj.server.http.ServerConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tfj bench}: loopback latency and throughput of {@code tfj serve}, with the session run as the floor. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Benchmark serving one model over loopback (not a test; nothing is asserted): in-process session runs",
      "(batch 1, and one thread per core at the batch size N connections make), single-image HTTP predict latency, and images/s under N concurrent keep-alive",
      "connections with batching on and off; the same over gRPC (TF Serving's Predict, N streams on one channel).",
      "Starts its own servers on ephemeral ports; the HTTP load comes from wrk or a child JVM (--load), and the",
      "shares of the in-process rows are printed after each round."
    })
public final class BenchCommand implements Callable<Integer> {

  /** The in-process ceiling's batch size: what 64 one-image connections can have queued. */
  static final int CEILING_BATCH = 64;

  @Spec CommandSpec spec;

  @Mixin ModelDirOption modelDir;

  @Option(names = "--model", required = true, paramLabel = "NAME", description = "Model to load (its latest version).")
  String model;

  @Option(names = "--seconds", defaultValue = "5", paramLabel = "S",
      description = "Measured seconds per phase, after a short warm-up (default: ${DEFAULT-VALUE}).")
  double seconds;

  @Option(names = "--connections", defaultValue = "64", paramLabel = "N",
      description = "Concurrent connections for the throughput phases (default: ${DEFAULT-VALUE}).")
  int connections;

  @Option(names = "--images-per-request", defaultValue = "1", paramLabel = "K",
      description = "Images in each throughput request's \"instances\", as TF Serving clients batch them "
          + "(default: ${DEFAULT-VALUE}). The latency phases always send one image.")
  int imagesPerRequest;

  @Option(names = "--rounds", defaultValue = "1", paramLabel = "R",
      description = "Times to repeat the HTTP phases, alternating which server goes first (default: ${DEFAULT-VALUE}).")
  int rounds;

  /** Where the HTTP phases' load comes from. */
  enum Load {
    AUTO,
    WRK,
    JVM,
    IN_PROCESS
  }

  @Option(names = "--load", defaultValue = "auto", paramLabel = "FROM",
      converter = LoadConverter.class,
      description = "Where the HTTP phases' load comes from: wrk (Debian's wrk), jvm (a child JVM), auto (wrk when "
          + "installed, else jvm), or in-process (threads of this process, beside the server: the old way, for "
          + "comparison). Default: ${DEFAULT-VALUE}.")
  Load load;

  static final class LoadConverter implements picocli.CommandLine.ITypeConverter<Load> {
    @Override
    public Load convert(String value) {
      try {
        return Load.valueOf(value.replace('-', '_').toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException(
            "--load must be auto, wrk, jvm or in-process, got '" + value + "'");
      }
    }
  }

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON.")
  Path json;

  @Mixin Verbosity verbosity;

  @Override
  public Integer call() throws Exception {
    if (seconds <= 0 || seconds > 120 || connections < 1 || connections > 1024) {
      throw UserError.usage("--seconds must be in (0,120] and --connections in 1..1024");
    }
    if (rounds < 1 || rounds > 20) {
      throw UserError.usage("--rounds must be in 1..20");
    }
    if (imagesPerRequest < 1 || imagesPerRequest > 1024) {
      throw UserError.usage("--images-per-request must be in 1..1024");
    }
    PrintWriter out = spec.commandLine().getOut();
    Path work = Files.createTempDirectory("tfj-bench");
    try {
      return bench(out, work);
    } finally {
      deleteQuietly(work);
    }
  }

  private Integer bench(PrintWriter out, Path work) throws Exception {
    ExternalLoad external = switch (load) {
      case IN_PROCESS -> null;
      case AUTO -> ExternalLoad.best(work);
      case WRK -> {
        if (ExternalLoad.findWrk().isEmpty()) {
          throw UserError.usage("--load wrk: wrk is not installed (apt-get install wrk), or use --load jvm");
        }
        yield ExternalLoad.of(ExternalLoad.Kind.WRK, work);
      }
      case JVM -> ExternalLoad.of(ExternalLoad.Kind.JVM, work);
    };
    Path versionDir = ModelLayout.resolve(modelDir.path().resolve(model)).dir();
    out.printf(Locale.ROOT, "benchmarking %s, %.0f s per phase, %d connections, %d image(s) per throughput request, %d cores%n",
        versionDir, seconds, connections, imagesPerRequest, Runtime.getRuntime().availableProcessors());
    out.printf(Locale.ROOT, "HTTP load from %s%n", external == null
        ? "this process (in-process threads beside the server; cpu: both)"
        : external.kind().description() + " (cpu: the server's process only)");
    out.flush();
    List<BenchResult> results = new ArrayList<>();
    Map<String, Double> ratios = new java.util.LinkedHashMap<>();
    BenchResult floor;
    BenchResult ceiling;
    long[] rowShape;
    String input;
    int cores = Runtime.getRuntime().availableProcessors();
    int batch = Math.min(CEILING_BATCH, connections * imagesPerRequest);
    // the server's session threads: TensorFlow sizes its CPU pool once per process, from the first session
    try (LoadedModel loaded = LoadedModel.load(versionDir, SessionThreads.serving());
        Predictor predictor = Predictor.unbatched(loaded);
        ImageClassifier classifier = ImageClassifier.over(predictor, ImageFeed.defaults())) {
      long[] batchShape = classifier.layout().shape(1);
      rowShape = Arrays.copyOfRange(batchShape, 1, batchShape.length);
      input = classifier.input().name();
      floor = report(out, SessionRunner.run("in-process session run, batch 1", classifier, 1, 1, seconds));
      ceiling = report(out, SessionRunner.run("in-process session runs, batch " + batch, classifier, batch, cores, seconds));
      results.add(floor);
      results.add(ceiling);
    }
    byte[] body = ImageBodies.predictBody(rowShape).getBytes(StandardCharsets.UTF_8);
    byte[] loadBody = ImageBodies.predictBody(rowShape, imagesPerRequest).getBytes(StandardCharsets.UTF_8);
    int k = imagesPerRequest;
    String path = "/v1/models/" + model + ":predict";
    ServerConfig base = ServerConfig.defaults().withPort(0).withGrpcPort(0).withPollInterval(Duration.ZERO);
    // both servers at once, phases alternating between them: run one after the other, the second gained
    // from the JIT work done for the first and looked faster (docs/serving.md, Benchmark)
    try (ModelServer on = ModelServer.start(modelDir.path(), base);
        ModelServer off = ModelServer.start(modelDir.path(), base.withBatching(1, Duration.ZERO))) {
      for (ModelServer server : List.of(on, off)) {
        // unmeasured: lets the JIT compile the HTTP path before anything is measured
        http(external, "warm-up", server, path, loadBody, k, connections, seconds);
        http(external, "warm-up", server, path, body, 1, 1, Math.min(2, seconds));
        try (GrpcPredict warm = new GrpcPredict("127.0.0.1", server.grpcPort(), model, input, rowShape, k)) {
          LoadRunner.run("warm-up", warm.callers(), k, connections, Math.min(2, seconds));
        }
      }
      for (int round = 0; round < rounds; round++) {
        List<ModelServer> order = round % 2 == 0 ? List.of(on, off) : List.of(off, on);
        for (ModelServer server : order) {
          String batching = server == on ? "batching on" : "batching off";
          BenchResult r = report(out, http(external, "http 1 image, " + batching, server, path, body, 1, 1, seconds));
          results.add(r);
          ratios.put(r.name() + ", p50 over the session's batch-1 p50 (ms)" + (rounds > 1 ? ", round " + (round + 1) : ""),
              r.p50Ms() - floor.p50Ms());
        }
        for (ModelServer server : order) {
          String batching = server == on ? "batching on" : "batching off";
          BenchResult r = report(out, http(external, "http throughput, " + batching, server, path, loadBody, k, connections, seconds));
          results.add(r);
          ratios.put(r.name() + ", share of the in-process ceiling" + (rounds > 1 ? ", round " + (round + 1) : ""),
              r.imagesPerSecond() / ceiling.imagesPerSecond());
        }
        int from = ratios.size() - 4;
        ratios.entrySet().stream().skip(from).forEach(e -> out.printf(Locale.ROOT,
            e.getKey().contains("share") ? "  %s: %.0f%%%n" : "  %s: %+.3f%n",
            e.getKey(), e.getKey().contains("share") ? e.getValue() * 100 : e.getValue()));
        out.flush();
        for (ModelServer server : order) {
          String batching = server == on ? "batching on" : "batching off";
          try (GrpcPredict one = new GrpcPredict("127.0.0.1", server.grpcPort(), model, input, rowShape, 1)) {
            results.add(report(out, LoadRunner.run("grpc 1 image, " + batching, one.callers(), 1, 1, seconds)));
          }
        }
        for (ModelServer server : order) {
          String batching = server == on ? "batching on" : "batching off";
          try (GrpcPredict many = new GrpcPredict("127.0.0.1", server.grpcPort(), model, input, rowShape, k)) {
            results.add(report(out, LoadRunner.run("grpc throughput, " + batching, many.callers(), k, connections, seconds)));
          }
        }
      }
    }
    if (json != null) {
      Files.writeString(json, MetricsFile.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(
          Map.of("model", versionDir.toString(), "cores", Runtime.getRuntime().availableProcessors(),
              "load", external == null ? "in-process" : external.kind().name().toLowerCase(Locale.ROOT),
              "results", results, "ratios", ratios)));
    }
    return ExitCodes.OK;
  }

  private static void deleteQuietly(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temp directory left behind
    }
  }

  private static BenchResult http(
      ExternalLoad external, String name, ModelServer server, String path, byte[] body, int k, int connections, double seconds)
      throws IOException, InterruptedException {
    return external == null
        ? LoadRunner.run(name, "127.0.0.1", server.port(), path, body, k, connections, seconds)
        : external.run(name, "127.0.0.1", server.port(), path, body, k, connections, seconds);
  }

  private static BenchResult report(PrintWriter out, BenchResult r) {
    out.printf(Locale.ROOT, "%-34s %5d conn %4d img/req %9.0f images/s  p50 %7.3f ms  p99 %7.3f ms  cpu %6.0f us/image%n",
        r.name(), r.connections(), r.imagesPerRequest(), r.imagesPerSecond(), r.p50Ms(), r.p99Ms(), r.cpuUsPerImage());
    out.flush();
    return r;
  }
}
