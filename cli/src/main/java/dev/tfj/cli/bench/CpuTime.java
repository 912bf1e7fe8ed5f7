package dev.tfj.cli.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time this process spends from {@link #start()} on, less what its JIT compiler threads spend: the work
 * of serving and of the load generator, not of compiling them. The compiler threads are read from
 * {@code /proc/self/task} on Linux (the JVM's own compilation time is wall time, which on a busy machine
 * includes time its threads waited for a core); elsewhere nothing is subtracted.
 */
final class CpuTime {

  private static final Path TASKS = Path.of("/proc/self/task");
  private static final long NANOS_PER_TICK = 10_000_000L; // USER_HZ is 100 on Linux

  private final long process;
  private final Map<String, Long> compilerTicks;

  private CpuTime(long process, Map<String, Long> compilerTicks) {
    this.process = process;
    this.compilerTicks = compilerTicks;
  }

  static CpuTime start() {
    return new CpuTime(processNanos(), compilerTicks());
  }

  /** Nanoseconds since {@link #start()}, or -1 where the JVM does not tell. */
  long elapsedNanos() {
    long now = processNanos();
    if (now < 0 || process < 0) {
      return -1;
    }
    long compiling = 0;
    for (Map.Entry<String, Long> e : compilerTicks().entrySet()) {
      compiling += e.getValue() - compilerTicks.getOrDefault(e.getKey(), 0L);
    }
    return now - process - compiling * NANOS_PER_TICK;
  }

  private static long processNanos() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime()
        : -1;
  }

  /** Thread id to user + system ticks, for the C1 and C2 compiler threads alive now. */
  private static Map<String, Long> compilerTicks() {
    Map<String, Long> ticks = new HashMap<>();
    if (!Files.isDirectory(TASKS)) {
      return ticks;
    }
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
      for (Path task : tasks) {
        try {
          String name = Files.readString(task.resolve("comm"));
          if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
            String stat = Files.readString(task.resolve("stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            ticks.put(task.getFileName().toString(), Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
          }
        } catch (IOException | RuntimeException e) {
          // the thread ended meanwhile
        }
      }
    } catch (IOException e) {
      // no per-thread view: subtract nothing
    }
    return ticks;
  }
}
