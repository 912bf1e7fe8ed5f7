package dev.tfj.cli;

import dev.tfj.server.http.ModelServer;
import dev.tfj.server.http.ServerConfig;
import dev.tfj.server.registry.VersionPolicy;
import dev.tfj.server.registry.VersionStatus;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tfj serve}: serves a model directory over HTTP until Ctrl-C. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Serve every model under a TF Serving model base path (<dir>/<name>/<version>/) over HTTP: the TF Serving",
      "REST API, KServe v2, an image endpoint and Prometheus metrics. Runs until Ctrl-C, then stops gracefully."
    })
public final class ServeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--model-dir", defaultValue = "saved-models", paramLabel = "DIR",
      description = "Model base path (default: ${DEFAULT-VALUE}).")
  Path modelDir;

  @Option(names = "--host", defaultValue = ServerConfig.HOST_DEFAULT,
      description = "Interface to listen on; 0.0.0.0 for all (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--port", defaultValue = "8501", description = "Port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--version-policy", defaultValue = "latest", paramLabel = "POLICY",
      description = "Versions to serve: latest or all (default: ${DEFAULT-VALUE}).")
  String versionPolicy;

  @Option(names = "--poll-interval", defaultValue = "2", paramLabel = "SECONDS",
      description = "Seconds between scans for new versions; 0 never rescans (default: ${DEFAULT-VALUE}).")
  double pollSeconds;

  @Option(names = "--max-batch-size", defaultValue = "256", paramLabel = "N",
      description = "Most rows merged into one session run; 1 turns batching off (default: ${DEFAULT-VALUE}).")
  int maxBatchSize;

  @Option(names = "--batch-timeout", defaultValue = "0", paramLabel = "MS",
      description = "Longest a batch waits for more requests once none are queued, in ms; 0 runs what queued"
          + " while the previous batch ran (default: ${DEFAULT-VALUE}).")
  double batchTimeoutMs;

  @Mixin Verbosity verbosity;

  /** The running server, for tests that stop it; null before it starts and after it stops. */
  volatile ModelServer running;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    ServerConfig config = config();
    ModelServer server;
    try {
      server = ModelServer.start(modelDir, config);
    } catch (NoSuchFileException e) {
      throw UserError.failure("--model-dir " + modelDir + " does not exist", e);
    } catch (RuntimeException e) {
      throw UserError.failure("cannot listen on " + host + ":" + port + ": " + rootMessage(e), e);
    }
    Thread hook = new Thread(server::close, "tfj-serve-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      printLoaded(out, server);
      running = server;
      server.awaitStop();
      out.println("stopped");
      out.flush();
    } finally {
      running = null;
      server.close();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is what stopped us
      }
    }
    return ExitCodes.OK;
  }

  private ServerConfig config() {
    VersionPolicy policy;
    try {
      policy = VersionPolicy.parse(versionPolicy);
    } catch (RuntimeException e) {
      throw UserError.usage("--version-policy '" + versionPolicy + "': choose latest or all");
    }
    if (pollSeconds < 0 || batchTimeoutMs < 0) {
      throw UserError.usage("--poll-interval and --batch-timeout must not be negative");
    }
    return ServerConfig.defaults()
        .withHost(host)
        .withPort(port)
        .withVersionPolicy(policy)
        .withPollInterval(Duration.ofMillis(Math.round(pollSeconds * 1000)))
        .withBatching(maxBatchSize, Duration.ofNanos(Math.round(batchTimeoutMs * 1_000_000)));
  }

  private void printLoaded(PrintWriter out, ModelServer server) {
    out.println("serving " + modelDir.toAbsolutePath().normalize() + " at " + server.url());
    List<VersionStatus> statuses = server.registry().statuses();
    if (statuses.isEmpty()) {
      out.println("no models yet; watching for <name>/<version>/saved_model.pb");
    }
    for (VersionStatus s : statuses) {
      out.println("  " + s.model() + " version " + s.version() + ": " + s.state()
          + (s.available() ? "" : " " + s.errorCode() + " " + s.errorMessage()));
    }
    out.println("try: curl " + server.url() + "/v1/models/"
        + (statuses.isEmpty() ? "<name>" : statuses.get(0).model()));
    out.println("Ctrl-C to stop");
    out.flush();
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
