package dev.tfj.cli.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The child JVM of {@link ExternalLoad} when wrk is not installed: runs {@link LoadRunner} against a server in
 * another process and prints {@link #MEASURING} when its measured window starts, then one {@link #RESULT} line.
 * Arguments: host port path body-file images-per-request connections seconds.
 */
public final class LoadMain {

  static final String MEASURING = "TFJ-MEASURING";
  static final String RESULT = "TFJ-RESULT";

  private LoadMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 7) {
      System.err.println("usage: LoadMain host port path body-file images-per-request connections seconds");
      System.exit(2);
    }
    byte[] body = Files.readAllBytes(Path.of(args[3]));
    int k = Integer.parseInt(args[4]);
    int connections = Integer.parseInt(args[5]);
    double seconds = Double.parseDouble(args[6]);
    String host = args[0];
    int port = Integer.parseInt(args[1]);
    // unmeasured: lets this JVM's JIT compile the client before the measured run
    LoadRunner.run("warm-up", host, port, args[2], body, k, connections, Math.min(1, seconds), () -> {});
    BenchResult r = LoadRunner.run("load", host, port, args[2], body, k, connections, seconds, () -> {
      System.out.println(MEASURING);
      System.out.flush();
    });
    System.out.println(RESULT + " " + ExternalLoad.format(r));
    System.out.flush();
  }
}
