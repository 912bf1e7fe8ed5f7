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
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
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

  @Test
  @Timeout(60)
  void servesTheModelDirectoryUntilInterrupted() throws Exception {
    CommandLine cli = Tfj.commandLine();
    LatchedWriter out = new LatchedWriter("Ctrl-C to stop\n");
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(new StringWriter(), true));
    FutureTask<Integer> exit = new FutureTask<>(() -> {
      try {
        return cli.execute("serve", "--model-dir", TinyBundle.base().toString(), "--port", "0", "--grpc-port", "0",
            "--poll-interval", "0");
      } finally {
        out.seen.countDown(); // a serve that fails must not leave the test waiting
      }
    });
    Thread serving = new Thread(exit, "serve-under-test");
    serving.start();

    out.seen.await();
    Matcher url = Pattern.compile("at (http://127\\.0\\.0\\.1:\\d+)").matcher(out.toString());
    assertThat(url.find()).as(out.toString()).isTrue();
    assertThat(out.toString()).contains("  mlp version 1: AVAILABLE", "Ctrl-C to stop");
    Matcher grpcPort = Pattern.compile("and gRPC on port (\\d+)").matcher(out.toString());
    assertThat(grpcPort.find()).as(out.toString()).isTrue();
    assertThat(Integer.parseInt(grpcPort.group(1))).isPositive();

    HttpResponse<String> status = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(url.group(1) + "/v1/models/mlp")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(status.statusCode()).isEqualTo(200);
    assertThat(status.body()).contains("\"version\"", "\"1\"", "AVAILABLE");

    serving.interrupt();
    assertThat(exit.get()).isZero();
    assertThat(out.toString()).endsWith("Ctrl-C to stop\nstopped\n");
    assertThatThrownBy(() -> HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(URI.create(url.group(1) + "/v1/models/mlp")).build(),
            HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(java.io.IOException.class);
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
