package dev.tfj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/** {@code tfj serve} on an ephemeral port: prints the URL and models, answers HTTP, stops gracefully. */
class ServeCommandTest {

  @Test
  @Timeout(60)
  void servesTheModelDirectoryUntilStopped() throws Exception {
    CommandLine cli = Tfj.commandLine();
    StringWriter out = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(new StringWriter(), true));
    ServeCommand serve = cli.getSubcommands().get("serve").getCommand();
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(
        () -> cli.execute("serve", "--model-dir", TinyBundle.base().toString(), "--port", "0", "--poll-interval", "0"));

    while (serve.running == null && !exit.isDone()) {
      Thread.sleep(20);
    }
    Matcher url = Pattern.compile("at (http://127\\.0\\.0\\.1:\\d+)").matcher(out.toString());
    assertThat(url.find()).as(out.toString()).isTrue();
    assertThat(out.toString()).contains("  mlp version 1: AVAILABLE", "Ctrl-C to stop");

    HttpResponse<String> status = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(url.group(1) + "/v1/models/mlp")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(status.statusCode()).isEqualTo(200);
    assertThat(status.body()).contains("\"version\"", "\"1\"", "AVAILABLE");

    serve.running.close();
    assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
    assertThat(out.toString()).endsWith("stopped\n");
  }

  @Test
  void reportsAMissingModelDirectory() {
    CliRun run = CliRun.of("serve", "--model-dir", Path.of("no-such-dir").toString(), "--port", "0");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.SOFTWARE);
    assertThat(run.err()).isEqualTo("tfj serve: --model-dir no-such-dir does not exist\n");
  }

  @Test
  void rejectsAnUnknownVersionPolicy() {
    CliRun run = CliRun.of("serve", "--version-policy", "newest", "--port", "0");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).isEqualTo("tfj serve: --version-policy 'newest': choose latest or all\n");
  }
}
