package dev.tfj.cli;

import dev.tfj.server.config.InvalidModelConfigException;
import dev.tfj.server.config.ModelConfigs;
import dev.tfj.server.http.ModelServer;
import dev.tfj.server.http.ServerConfig;
import dev.tfj.server.registry.ServedModel;
import dev.tfj.server.registry.VersionSelection;
import dev.tfj.server.registry.VersionStatus;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/** {@code tfj serve}: serves a model directory over HTTP until Ctrl-C. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Serve every model under a TF Serving model base path (<dir>/<name>/<version>/) over HTTP: the TF Serving",
      "REST API, KServe v2, an image endpoint and Prometheus metrics, and over gRPC (TF Serving's PredictionService and",
      "ModelService, KServe v2's GRPCInferenceService). Runs until Ctrl-C, then stops gracefully.",
      "Instead of --model-dir: --model-config-file (TF Serving's model config: base paths, version policies, labels)",
      "or --model-name with --model-base-path (one model, <base-path>/<version>/)."
    })
public final class ServeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ModelDirOption modelDir;

  @Mixin ServerOptions options;

  @Option(names = "--model-config-file", paramLabel = "FILE",
      description = "TF Serving's model config in text format: each model's name, base_path, model_version_policy"
          + " (latest N, all, specific) and version_labels; relative base paths are from the file's directory.")
  Path modelConfigFile;

  @Option(names = "--model-config-file-poll-wait-seconds", paramLabel = "SECONDS",
      description = "Seconds between re-reads of --model-config-file; 0 reads it once (default: ${DEFAULT-VALUE}).")
  double configPollSeconds = 0;

  @Option(names = "--model-name", paramLabel = "NAME",
      description = "Serve one model under this name from --model-base-path.")
  String modelName;

  @Option(names = "--model-base-path", paramLabel = "DIR",
      description = "The directory of --model-name's versions (<DIR>/<version>/saved_model.pb).")
  Path modelBasePath;

  @Mixin Verbosity verbosity;

  /** Serves until Ctrl-C, or until the thread running it is interrupted (an embedding's stop). */
  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    ServerConfig config = options.config();
    ModelServer running;
    try {
      running = start(config);
    } catch (NoSuchFileException e) {
      throw UserError.failure("--model-dir " + modelDir.path() + " does not exist", e);
    } catch (UserError e) {
      throw e;
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

  /** Starts from the one model source the options name: a model directory, a config file, or one model. */
  private ModelServer start(ServerConfig config) throws IOException {
    ParseResult given = spec.commandLine().getParseResult();
    boolean dirGiven = given.hasMatchedOption("--model-dir");
    boolean oneModel = modelName != null || modelBasePath != null;
    if (modelConfigFile == null && given.hasMatchedOption("--model-config-file-poll-wait-seconds")) {
      throw UserError.usage("--model-config-file-poll-wait-seconds needs --model-config-file");
    }
    if (modelConfigFile != null) {
      if (dirGiven || oneModel) {
        throw UserError.usage("--model-config-file names the models; drop --model-dir, --model-name and --model-base-path");
      }
      if (given.hasMatchedOption("--version-policy")) {
        throw UserError.usage("--version-policy does not apply to --model-config-file; set model_version_policy there");
      }
      if (configPollSeconds < 0) {
        throw UserError.usage("--model-config-file-poll-wait-seconds must not be negative");
      }
      readConfigFile();
      return ModelServer.startWithConfigFile(
          modelConfigFile, Duration.ofMillis(Math.round(configPollSeconds * 1000)), config);
    }
    if (oneModel) {
      if (modelName == null || modelBasePath == null) {
        throw UserError.usage("--model-name and --model-base-path go together");
      }
      if (dirGiven) {
        throw UserError.usage("--model-name and --model-base-path serve one model; drop --model-dir");
      }
      if (!Files.isDirectory(modelBasePath)) {
        throw UserError.usage("--model-base-path " + modelBasePath + " is not a directory");
      }
      ServedModel model = new ServedModel(modelName, modelBasePath.toAbsolutePath().normalize(),
          VersionSelection.of(config.versionPolicy()), Map.of());
      return ModelServer.start(List.of(model), config);
    }
    return ModelServer.start(modelDir.path(), config);
  }

  /** Reads the config file once to word its errors; the server reads it again. */
  private void readConfigFile() {
    try {
      ModelConfigs.read(modelConfigFile);
    } catch (NoSuchFileException e) {
      throw UserError.usage("--model-config-file " + modelConfigFile + " does not exist");
    } catch (InvalidModelConfigException e) {
      throw UserError.usage("--model-config-file " + modelConfigFile + ": " + e.getMessage());
    } catch (IOException e) {
      throw UserError.failure("cannot read --model-config-file " + modelConfigFile + ": " + rootMessage(e), e);
    }
  }

  private String source() {
    if (modelConfigFile != null) {
      return "the models of " + modelConfigFile.toAbsolutePath().normalize();
    }
    if (modelName != null) {
      return modelBasePath.toAbsolutePath().normalize() + " as " + modelName;
    }
    return modelDir.path().toAbsolutePath().normalize().toString();
  }

  private void printLoaded(PrintWriter out, ModelServer server) {
    out.println("serving " + source() + " at " + server.url()
        + (server.grpcPort() == ServerConfig.GRPC_OFF ? "" : " and gRPC on port " + server.grpcPort()));
    List<VersionStatus> statuses = server.registry().statuses();
    if (statuses.isEmpty()) {
      out.println(server.registry().configured()
          ? "no versions yet; watching each base path for <version>/saved_model.pb"
          : "no models yet; watching for <name>/<version>/saved_model.pb");
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
