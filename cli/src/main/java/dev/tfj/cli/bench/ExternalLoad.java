package dev.tfj.cli.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * HTTP load from another process than the server's, as real clients send it: Debian's {@code wrk} when it is
 * installed, otherwise a child JVM running {@link LoadRunner} ({@link LoadMain}). The CPU column of its rows is
 * the server's: the CPU time this (the server's) process spent per image while the load ran.
 */
public abstract class ExternalLoad {

  /** Which load generator. */
  public enum Kind {
    WRK("wrk"),
    JVM("a child JVM");

    private final String description;

    Kind(String description) {
      this.description = description;
    }

    /** In words, for the report. */
    public String description() {
      return description;
    }
  }

  final Path work;

  private ExternalLoad(Path work) {
    this.work = work;
  }

  /** {@code wrk} when it is on the PATH, else a child JVM. */
  public static ExternalLoad best(Path work) {
    return findWrk().<ExternalLoad>map(wrk -> new Wrk(wrk, work)).orElseGet(() -> new ChildJvm(work));
  }

  /** The given kind; throws {@link IllegalStateException} for wrk when it is not installed. */
  public static ExternalLoad of(Kind kind, Path work) {
    if (kind == Kind.JVM) {
      return new ChildJvm(work);
    }
    return new Wrk(findWrk().orElseThrow(() -> new IllegalStateException("wrk is not installed (apt-get install wrk)")), work);
  }

  /** {@code wrk} on the PATH, if any. */
  public static Optional<Path> findWrk() {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      Path wrk = Path.of(dir, "wrk");
      if (Files.isRegularFile(wrk) && Files.isExecutable(wrk)) {
        return Optional.of(wrk);
      }
    }
    return Optional.empty();
  }

  /** The kind of generator. */
  public abstract Kind kind();

  /**
   * Closed-loop load of {@code connections} keep-alive connections POSTing {@code body} to {@code path} for
   * {@code seconds} (at least one: wrk takes whole seconds), after an unmeasured warm-up; a failed or non-200
   * request fails the run.
   */
  public abstract BenchResult run(
      String name, String host, int port, String path, byte[] body, int imagesPerRequest, int connections, double seconds)
      throws IOException, InterruptedException;

  Path bodyFile(byte[] body) throws IOException {
    Path file = Files.createTempFile(work, "body", ".json");
    Files.write(file, body);
    return file;
  }

  static List<String> runProcess(List<String> command, String what, LineListener listener)
      throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        lines.add(line);
        listener.line(line);
      }
    } finally {
      if (p.isAlive()) {
        p.destroy();
      }
    }
    int rc = p.waitFor();
    if (rc != 0) {
      throw new IOException(what + " exited with " + rc + ": " + String.join(" | ", lines));
    }
    return lines;
  }

  @FunctionalInterface
  interface LineListener {
    void line(String line);
  }

  /** wrk with a Lua script that POSTs the body and prints its summary in one line. */
  static final class Wrk extends ExternalLoad {

    private final Path wrk;

    Wrk(Path wrk, Path work) {
      super(work);
      this.wrk = wrk;
    }

    @Override
    public Kind kind() {
      return Kind.WRK;
    }

    @Override
    public BenchResult run(
        String name, String host, int port, String path, byte[] body, int imagesPerRequest, int connections, double seconds)
        throws IOException, InterruptedException {
      Path script = script(bodyFile(body));
      String url = "http://" + host + ":" + port + path;
      int threads = Math.min(2, connections);
      // wrk takes whole seconds
      long warmup = Math.max(1, Math.round(Math.min(1, seconds * 0.2)));
      runProcess(command(script, url, threads, connections, warmup), "wrk", line -> {});
      long measured = Math.max(1, Math.round(seconds));
      CpuTime cpu = CpuTime.start();
      List<String> out = runProcess(command(script, url, threads, connections, measured), "wrk", line -> {});
      long cpuNanos = cpu.elapsedNanos();
      String summary = out.stream().filter(l -> l.startsWith("TFJ ")).findFirst()
          .orElseThrow(() -> new IOException("wrk printed no summary: " + String.join(" | ", out)));
      String[] f = summary.split(" ");
      long requests = Long.parseLong(f[1]);
      double wallSeconds = Long.parseLong(f[2]) / 1e6;
      long errors = 0;
      for (int i = 5; i <= 9; i++) {
        errors += Long.parseLong(f[i]);
      }
      if (errors > 0) {
        throw new IOException("wrk: " + errors + " of " + requests + " requests failed (connect/read/write/status/timeout "
            + String.join("/", List.of(f).subList(5, 10)) + ")");
      }
      return new BenchResult(name, connections, imagesPerRequest, requests, wallSeconds,
          Long.parseLong(f[3]) / 1e3, Long.parseLong(f[4]) / 1e3,
          cpuNanos < 0 || requests == 0 ? Double.NaN : cpuNanos / 1e3 / (requests * (double) imagesPerRequest));
    }

    private List<String> command(Path script, String url, int threads, int connections, long seconds) {
      return List.of(wrk.toString(), "-t" + threads, "-c" + connections, "-d" + seconds + "s", "--timeout", "30s",
          "-s", script.toString(), url);
    }

    private Path script(Path body) throws IOException {
      Path script = Files.createTempFile(work, "post", ".lua");
      Files.writeString(script, String.join("\n",
          "wrk.method = \"POST\"",
          "wrk.headers[\"Content-Type\"] = \"application/json\"",
          "local f = assert(io.open(\"" + body.toAbsolutePath().toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\", \"rb\"))",
          "wrk.body = f:read(\"*a\")",
          "f:close()",
          "function done(summary, latency, requests)",
          "  local e = summary.errors",
          "  io.write(string.format(\"TFJ %d %d %d %d %d %d %d %d %d\\n\", summary.requests, summary.duration,",
          "    latency:percentile(50), latency:percentile(99), e.connect, e.read, e.write, e.status, e.timeout))",
          "end",
          ""));
      return script;
    }
  }

  /** A child JVM on this one's class path, running {@link LoadMain}. */
  static final class ChildJvm extends ExternalLoad {

    ChildJvm(Path work) {
      super(work);
    }

    @Override
    public Kind kind() {
      return Kind.JVM;
    }

    @Override
    public BenchResult run(
        String name, String host, int port, String path, byte[] body, int imagesPerRequest, int connections, double seconds)
        throws IOException, InterruptedException {
      String java = ProcessHandle.current().info().command()
          .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      List<String> command = List.of(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss256k",
          "-cp", System.getProperty("java.class.path"), LoadMain.class.getName(),
          host, Integer.toString(port), path, bodyFile(body).toString(), Integer.toString(imagesPerRequest),
          Integer.toString(connections), Double.toString(Math.max(1, seconds))); // at least a second, as wrk
      CpuTime[] cpu = new CpuTime[1];
      long[] cpuNanos = {-1};
      List<String> out = runProcess(command, "the load JVM", line -> {
        if (line.equals(LoadMain.MEASURING)) {
          cpu[0] = CpuTime.start();
        } else if (line.startsWith(LoadMain.RESULT) && cpu[0] != null) {
          cpuNanos[0] = cpu[0].elapsedNanos();
        }
      });
      String result = out.stream().filter(l -> l.startsWith(LoadMain.RESULT)).findFirst()
          .orElseThrow(() -> new IOException("the load JVM printed no result: " + String.join(" | ", out)));
      String[] f = result.substring(LoadMain.RESULT.length()).trim().split(" ");
      long requests = Long.parseLong(f[0]);
      if (requests == 0) {
        throw new IOException("the load JVM got no answer in its measured window");
      }
      return new BenchResult(name, connections, imagesPerRequest, requests, Double.parseDouble(f[1]),
          Double.parseDouble(f[2]), Double.parseDouble(f[3]),
          cpuNanos[0] < 0 || requests == 0 ? Double.NaN : cpuNanos[0] / 1e3 / (requests * (double) imagesPerRequest));
    }
  }

  static String format(BenchResult r) {
    return String.format(Locale.ROOT, "%d %s %s %s", r.requests(), r.seconds(), r.p50Ms(), r.p99Ms());
  }
}
