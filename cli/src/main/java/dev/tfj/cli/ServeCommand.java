package dev.tfj.cli;

import dev.tfj.server.http.ModelServer;
import dev.tfj.server.http.ServerConfig;
import dev.tfj.server.registry.VersionStatus;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tfj serve}: serves a model directory over HTTP until Ctrl-C. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Serve every model under a TF Serving model base path (<dir>/<name>/<version>/) over HTTP: the TF Serving",
      "REST API, KServe v2, an image endpoint and Prometheus metrics, and over gRPC (TF Serving's PredictionService and",
      "ModelService, KServe v2's GRPCInferenceService). Runs until Ctrl-C, then stops gracefully."
    })
public final class ServeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ModelDirOption modelDir;

  @Mixin ServerOptions options;

  @Mixin Verbosity verbosity;

  /** Serves until Ctrl-C, or until the thread running it is interrupted (an embedding's stop). */
  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    ServerConfig config = options.config();
    ModelServer running;
    try {
      running = ModelServer.start(modelDir.path(), config);
    } catch (NoSuchFileException e) {
      throw UserError.failure("--model-dir " + modelDir.path() + " does not exist", e);
    } catch (RuntimeException e) {
      throw UserError.failure("cannot listen on " + options.address() + ": " + rootMessage(e), e);
    } catch (IOException e) {
      throw UserError.failure("cannot listen on " + options.grpcAddress() + " (--grpc-port): " + rootMessage(e), e);
    }
    Thread hook = new Thread(running::close, "tfj-serve-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    boolean interrupted = false;
    try {
      printLoaded(out, running);
      running.awaitStop();
    } catch (InterruptedException e) {
      interrupted = true; // stop as Ctrl-C does, then keep the flag for the caller
    } finally {
      running.close();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is what stopped us
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    out.println("stopped");
    out.flush();
    return ExitCodes.OK;
  }

  private void printLoaded(PrintWriter out, ModelServer server) {
    out.println("serving " + modelDir.path().toAbsolutePath().normalize() + " at " + server.url()
        + (server.grpcPort() == ServerConfig.GRPC_OFF ? "" : " and gRPC on port " + server.grpcPort()));
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
