package dev.tfj.compat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Another TensorFlow runtime, run in a JVM of its own: its jars (copied by maven-dependency-plugin, kept off
 * the test classpath) and a single-file runner program started through Java's source launcher.
 */
record ForkedRuntime(String name, Path jars, Path runner) {

  private static final Pattern VERSION = Pattern.compile("runtime=(\\S+)");
  private static final Pattern RESULT = Pattern.compile("bundle=(.+) correct=(\\d+) total=\\d+");

  /** Runs {@code bundles}' classifiers over the test set in this runtime, all in one JVM. */
  Run classify(List<TrainedBundle> bundles, Path images, Path labels, Path workDir) throws IOException,
      InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(jars.toAbsolutePath() + "/*");
    command.add(runner.toAbsolutePath().toString());
    command.add(images.toString());
    command.add(labels.toString());
    for (TrainedBundle b : bundles) {
      command.add(b.dir().toString());
      command.add(b.imagesTensor());
      command.add(b.classesTensor());
    }
    Path out = workDir.resolve(jars.getFileName() + ".out");
    Path err = workDir.resolve(jars.getFileName() + ".err");
    Process process =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    boolean finished = process.waitFor(10, TimeUnit.MINUTES);
    if (!finished) {
      process.destroyForcibly().waitFor();
    }
    Map<Path, Integer> correct = new HashMap<>();
    String version = "?";
    for (String line : Files.readAllLines(out)) {
      Matcher v = VERSION.matcher(line);
      Matcher r = RESULT.matcher(line);
      if (v.matches()) {
        version = v.group(1);
      } else if (r.matches()) {
        correct.put(Path.of(r.group(1)), Integer.parseInt(r.group(2)));
      }
    }
    String stderr = Files.readString(err) + (finished ? "" : "(runner killed after 10 minutes)\n");
    return new Run(process.exitValue(), version, correct, Files.readString(out), stderr);
  }

  /** What one runner JVM printed: correct predictions per bundle directory, and everything else. */
  record Run(int exitCode, String version, Map<Path, Integer> correct, String stdout, String stderr) {

    /** How many test images the runtime classified correctly with {@code bundle}, if it ran it. */
    Optional<Integer> correct(TrainedBundle bundle) {
      return Optional.ofNullable(correct.get(bundle.dir()));
    }

    /** What the runner said on stderr about {@code bundle}; all of its stderr when it named none (a crash). */
    String errorsAbout(TrainedBundle bundle) {
      String mine = "bundle=" + bundle.dir() + " ";
      String said = stderr.lines().filter(l -> l.startsWith(mine)).collect(Collectors.joining("\n"));
      return said.isEmpty() ? stderr : said;
    }

    /** The runner's stderr, less its lines about single bundles. */
    String otherErrors() {
      return stderr.lines().filter(l -> !l.startsWith("bundle=")).collect(Collectors.joining("\n"));
    }
  }
}
