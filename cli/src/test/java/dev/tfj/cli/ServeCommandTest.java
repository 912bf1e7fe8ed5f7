package dev.tfj.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tfj.server.http.ServerConfig;
import dev.tfj.server.registry.VersionPolicy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code tfj serve} on an ephemeral port: prints the URL and models, answers HTTP, stops gracefully. */
class ServeCommandTest {

  /** Collects what the command prints and opens a latch once {@code marker} has been printed. */
  private static final class LatchedWriter extends Writer {
    final CountDownLatch seen = new CountDownLatch(1);
    private final StringBuffer text = new StringBuffer();
    private final String marker;

    LatchedWriter(String marker) {
      this.marker = marker;
    }

    @Override
    public void write(char[] chars, int offset, int length) {
      text.append(chars, offset, length);
      if (text.indexOf(marker) >= 0) {
        seen.countDown();
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}

    @Override
    public String toString() {
      return text.toString();
    }
  }

  /** {@code tfj serve} running on its own thread until {@link #stop()}, with what it printed so far. */
  private record Serving(LatchedWriter out, Thread thread, FutureTask<Integer> exit, String url) {

    /** Starts it on free ports and waits until it says how to stop it. */
    static Serving start(String... args) throws InterruptedException {
      CommandLine cli = Tfj.commandLine();
      LatchedWriter out = new LatchedWriter("Ctrl-C to stop\n");
      cli.setOut(new PrintWriter(out, true));
      cli.setErr(new PrintWriter(new StringWriter(), true));
      String[] all = java.util.stream.Stream.concat(
          java.util.stream.Stream.of("serve", "--port", "0", "--grpc-port", "0", "--poll-interval", "0"),
          java.util.Arrays.stream(args)).toArray(String[]::new);
      FutureTask<Integer> exit = new FutureTask<>(() -> {
        try {
          return cli.execute(all);
        } finally {
          out.seen.countDown(); // a serve that fails must not leave the test waiting
        }
      });
      Thread serving = new Thread(exit, "serve-under-test");
      serving.start();
      out.seen.await();
      Matcher url = Pattern.compile("at (http://127\\.0\\.0\\.1:\\d+)").matcher(out.toString());
      assertThat(url.find()).as(out.toString()).isTrue();
      return new Serving(out, serving, exit, url.group(1));
    }

    HttpResponse<String> get(String path) throws Exception {
      return HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(url + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    int stop() throws Exception {
      thread.interrupt();
      return exit.get();
    }
  }

  @Test
  @Timeout(60)
  void servesTheModelDirectoryUntilInterrupted() throws Exception {
    Serving serving = Serving.start("--model-dir", TinyBundle.base().toString());
    LatchedWriter out = serving.out();
    assertThat(out.toString()).contains("  mlp version 1: AVAILABLE", "Ctrl-C to stop");
    Matcher grpcPort = Pattern.compile("and gRPC on port (\\d+)").matcher(out.toString());
    assertThat(grpcPort.find()).as(out.toString()).isTrue();
    assertThat(Integer.parseInt(grpcPort.group(1))).isPositive();

    HttpResponse<String> status = serving.get("/v1/models/mlp");
    assertThat(status.statusCode()).isEqualTo(200);
    assertThat(status.body()).contains("\"version\"", "\"1\"", "AVAILABLE");

    assertThat(serving.stop()).isZero();
    assertThat(out.toString()).endsWith("Ctrl-C to stop\nstopped\n");
    assertThatThrownBy(() -> serving.get("/v1/models/mlp")).isInstanceOf(java.io.IOException.class);
  }

  @Test
  @Timeout(60)
  void servesTheModelsOfAConfigFileWithTheirLabels(@TempDir Path dir) throws Exception {
    Path config = Files.writeString(dir.resolve("models.config"), """
        model_config_list {
          config {
            name: "digits"
            base_path: "%s"
            model_platform: "tensorflow"
            model_version_policy { specific { versions: 1 } }
            version_labels { key: "stable" value: 1 }
          }
        }
        """.formatted(TinyBundle.base().resolve("mlp")));
    Serving serving = Serving.start("--model-config-file", config.toString());
    assertThat(serving.out().toString())
        .startsWith("serving the models of " + config.toAbsolutePath() + " at ")
        .contains("  digits version 1: AVAILABLE\n");
    assertThat(serving.get("/v1/models/digits/labels/stable").body())
        .isEqualTo("{\"model_version_status\":[{\"version\":\"1\",\"state\":\"AVAILABLE\","
            + "\"status\":{\"error_code\":\"OK\",\"error_message\":\"\"}}]}");
    assertThat(serving.get("/v1/models/digits/labels/canary").statusCode()).isEqualTo(404);
    assertThat(serving.stop()).isZero();
  }

  @Test
  @Timeout(60)
  void servesOneModelByNameFromItsBasePath() throws Exception {
    Serving serving = Serving.start(
        "--model-name", "digits", "--model-base-path", TinyBundle.base().resolve("mlp").toString());
    assertThat(serving.out().toString()).contains(" as digits at ", "  digits version 1: AVAILABLE\n");
    assertThat(serving.get("/v1/models/digits").statusCode()).isEqualTo(200);
    assertThat(serving.get("/v1/models/mlp").statusCode()).isEqualTo(404);
    assertThat(serving.stop()).isZero();
  }

  @Test
  void rejectsABadConfigFileInOneLine(@TempDir Path dir) throws Exception {
    Path broken = Files.writeString(dir.resolve("broken.config"), "model_config_list { config { name: \"a\" ");
    assertUsage("tfj serve: --model-config-file " + broken + ": not a model config in text format: 1:40: "
        + "Expected \"}\".\n", "--model-config-file", broken.toString());

    Path noPath = Files.writeString(dir.resolve("nopath.config"), "model_config_list { config { name: \"a\" } }");
    assertUsage("tfj serve: --model-config-file " + noPath + ": model a has no base_path\n",
        "--model-config-file", noPath.toString());

    Path zero = Files.writeString(dir.resolve("zero.config"), """
        model_config_list { config { name: "a" base_path: "/m" model_version_policy { latest { } } } }
        """);
    assertUsage("tfj serve: --model-config-file " + zero + ": model a has latest { num_versions: 0 }; it must be at"
        + " least 1\n", "--model-config-file", zero.toString());

    Path outside = Files.writeString(dir.resolve("label.config"), """
        model_config_list { config { name: "a" base_path: "/m"
          model_version_policy { specific { versions: 1 } } version_labels { key: "canary" value: 2 } } }
        """);
    assertUsage("tfj serve: --model-config-file " + outside + ": model a labels version 2 \"canary\", which its"
        + " specific version policy does not serve\n", "--model-config-file", outside.toString());

    assertUsage("tfj serve: --model-config-file " + dir.resolve("none.config") + " does not exist\n",
        "--model-config-file", dir.resolve("none.config").toString());
    assertUsage("tfj serve: --model-config-file names the models; drop --model-dir, --model-name and"
        + " --model-base-path\n", "--model-config-file", noPath.toString(), "--model-dir", dir.toString());
    assertUsage("tfj serve: --model-name and --model-base-path go together\n", "--model-name", "a");
    assertUsage("tfj serve: --model-base-path " + dir.resolve("nope") + " is not a directory\n",
        "--model-name", "a", "--model-base-path", dir.resolve("nope").toString());
  }

  private static void assertUsage(String err, String... args) {
    String[] all = java.util.stream.Stream.concat(java.util.stream.Stream.of("serve", "--port", "0", "--grpc-port",
        "-1"), java.util.Arrays.stream(args)).toArray(String[]::new);
    CliRun run = CliRun.of(all);
    assertThat(run.err()).isEqualTo(err);
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void reportsAMissingModelDirectory() {
    CliRun run = CliRun.of("serve", "--model-dir", Path.of("no-such-dir").toString(), "--port", "0");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.SOFTWARE);
    assertThat(run.err()).isEqualTo("tfj serve: --model-dir no-such-dir does not exist\n");
  }

  @Test
  void takesTheVersionPolicyInAnyCase() throws Exception {
    CommandLine cli = Tfj.commandLine();
    cli.parseArgs("serve", "--version-policy", "All");
    ServeCommand serve = cli.getSubcommands().get("serve").getCommand();

    assertThat(serve.options.config().versionPolicy()).isEqualTo(VersionPolicy.ALL);
  }

  @Test
  void defaultsToTheServersOwnSettings() {
    CommandLine cli = Tfj.commandLine();
    cli.parseArgs("serve");
    ServeCommand serve = cli.getSubcommands().get("serve").getCommand();

    assertThat(serve.options.config()).isEqualTo(ServerConfig.defaults());
  }

  @Test
  void turnsGrpcOffOrRejectsABadGrpcPort() {
    CommandLine cli = Tfj.commandLine();
    cli.parseArgs("serve", "--grpc-port", "-1");
    ServeCommand serve = cli.getSubcommands().get("serve").getCommand();
    assertThat(serve.options.config().grpcEnabled()).isFalse();

    CliRun run = CliRun.of("serve", "--grpc-port", "70000", "--port", "0");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("--grpc-port must be 0..65535, or -1 to turn gRPC off; got 70000");
  }

  @Test
  void rejectsAnUnknownVersionPolicy() {
    CliRun run = CliRun.of("serve", "--version-policy", "newest", "--port", "0");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).isEqualTo("tfj serve: --version-policy 'newest': choose latest or all\n");
  }
}
