package dev.tfj.trainer.train;

import dev.tfj.trainer.data.Dataset;
import dev.tfj.trainer.data.DatasetLoader;
import dev.tfj.trainer.model.Architectures;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.tensorflow.proto.DeviceStepStats;
import org.tensorflow.proto.NodeExecStats;

/**
 * Where a training step's time goes: times steady-state steps of one model and batch size, then traces 30 steps
 * with TensorFlow's per-op statistics and prints the kernels by share of traced time. A measuring tool, not a
 * test (README, "Training speed"):
 *
 * <pre>
 * ./mvnw -q -pl trainer -am test-compile &amp;&amp; java -cp cli/target/tfj.jar:trainer/target/test-classes \
 *     dev.tfj.trainer.train.StepProfile ../shared/data/mnist lenet5 64
 * </pre>
 */
public final class StepProfile {

  private StepProfile() {}

  public static void main(String[] args) {
    Dataset data = DatasetLoader.load(Path.of(args[0]));
    String model = args[1];
    int batch = Integer.parseInt(args[2]);
    var arch = Architectures.require(model);
    TrainingConfig config =
        new TrainingConfig(
            model, 1, batch, OptimizerKind.SGD, 0.01, LearningRateSchedule.COSINE, 0.9, arch.defaultWeightDecay(),
            arch.defaultDropout(), 42, Device.CPU, 0);
    int[] indices = new int[batch];
    for (int i = 0; i < batch; i++) {
      indices[i] = i;
    }
    try (TrainingGraph graph = new TrainingGraph(arch, config, data.train(), data.test())) {
      int warmup = Integer.getInteger("warmup", 100);
      long[] warmupNanos = new long[warmup];
      for (int s = 0; s < warmup; s++) {
        long w0 = System.nanoTime();
        graph.step(s, 0.01, indices, batch);
        warmupNanos[s] = System.nanoTime() - w0;
      }
      if (warmup > 0) {
        // A one-epoch run pays these: the first step (Grappler's rewrite, oneDNN building its kernels) and
        // the slower steps after it.
        StringBuilder first = new StringBuilder();
        for (int s = 0; s < Math.min(warmup, 8); s++) {
          first.append(String.format(Locale.ROOT, " %.1f", warmupNanos[s] / 1e6));
        }
        long rest = 0;
        for (int s = 1; s < warmup; s++) {
          rest += warmupNanos[s];
        }
        System.out.printf(Locale.ROOT, "first steps (ms):%s; steps 2-%d: %.3f ms/step%n", first, warmup,
            warmup > 1 ? rest / 1e6 / (warmup - 1) : 0.0);
      }
      int steps = Integer.getInteger("steps", 300);
      var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      long cpu0 = os.getProcessCpuTime();
      long t0 = System.nanoTime();
      for (int s = 0; s < steps; s++) {
        graph.step(s, 0.01, indices, batch);
      }
      double ms = (System.nanoTime() - t0) / 1e6 / steps;
      // CPU time (all threads, TensorFlow's included) is steadier than wall time on a shared machine: time the
      // host takes away from this VM counts in the wall time only.
      double cpuMs = (os.getProcessCpuTime() - cpu0) / 1e6 / steps;
      System.out.printf(Locale.ROOT, "%s batch %d: %.3f ms/step, %,.0f images/s, %.3f CPU ms/step%n", model, batch, ms,
          batch / ms * 1e3, cpuMs);
      // The test-set evaluation an epoch ends with (what makes an epoch's wall time longer than its steps').
      long[] classes = new long[TrainingGraph.EVAL_BATCH];
      int[] evalIndices = new int[TrainingGraph.EVAL_BATCH];
      int testCount = data.test().count();
      for (int rep = 0; rep < 3; rep++) {
        long e0 = System.nanoTime();
        for (int from = 0; from < testCount; from += TrainingGraph.EVAL_BATCH) {
          int n = Math.min(TrainingGraph.EVAL_BATCH, testCount - from);
          for (int i = 0; i < n; i++) {
            evalIndices[i] = from + i;
          }
          graph.evaluate(evalIndices, n, classes);
        }
        System.out.printf(Locale.ROOT, "evaluation of %,d test images: %.1f ms%n", testCount, (System.nanoTime() - e0) / 1e6);
      }
      try {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("tfj-profile-ckpt");
        for (int rep = 0; rep < 3; rep++) {
          long c0 = System.nanoTime();
          graph.save(dir.resolve("ckpt-" + rep).toString());
          System.out.printf(Locale.ROOT, "checkpoint: %.1f ms%n", (System.nanoTime() - c0) / 1e6);
        }
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      Map<String, Long> byKernel = new HashMap<>();
      long[] total = {0};
      int traced = 30;
      boolean byNode = Boolean.getBoolean("byNode");
      for (int s = 0; s < traced; s++) {
        boolean dump = s == traced - 1 && Boolean.getBoolean("timeline");
        graph.step(s, 0.01, indices, batch, metadata -> {
          for (DeviceStepStats device : metadata.getStepStats().getDevStatsList()) {
            for (NodeExecStats node : device.getNodeStatsList()) {
              if (dump) {
                System.out.printf(Locale.ROOT, "TL %d %d %d %s %s%n", node.getThreadId(), node.getAllStartMicros(),
                    node.getAllEndRelMicros(), node.getNodeName(), node.getTimelineLabel().replaceAll("^[^=]*= (\\w+)\\(.*$", "$1"));
              }
              String kernel = node.getTimelineLabel().replaceAll("^[^=]*= (\\w+)\\(.*$", "$1");
              String key = byNode || kernel.isEmpty() ? node.getNodeName() + (byNode ? " " + kernel : "") : kernel;
              byKernel.merge(key, node.getAllEndRelMicros(), Long::sum);
              total[0] += node.getAllEndRelMicros();
            }
          }
        });
      }
      System.out.printf(Locale.ROOT, "traced op time per step: %.3f ms (ops overlap across threads)%n",
          total[0] / 1e3 / traced);
      byKernel.entrySet().stream()
          .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
          .limit(Integer.getInteger("top", byNode ? 30 : 12))
          .forEach(e -> System.out.printf(Locale.ROOT, "  %-70s %7.3f ms  %5.1f%%%n", e.getKey(),
              e.getValue() / 1e3 / traced, 100.0 * e.getValue() / total[0]));
    }
  }
}
