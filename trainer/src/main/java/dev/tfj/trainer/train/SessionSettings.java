package dev.tfj.trainer.train;

import dev.tfj.trainer.model.Architecture;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.RewriterConfig;

/** Session configuration for a device and thread count, and how many towers a training graph is built as. */
final class SessionSettings {

  private SessionSettings() {}

  /**
   * How many towers (equal shares of each batch, run side by side) a training graph for {@code arch} is built
   * as: one per core, up to two, on a CPU when the thread count is left to tfj, for a convolutional model that
   * keeps no batch statistics (towers would normalise over their share, not the batch). The MLP's steps are
   * too short for towers: alternating in one process, 18,779 images/s with towers against 50,389 without. LeNet-5's layers are too small to keep
   * two cores busy inside one op; two towers on one core each are faster (see README, "Training speed").
   */
  static int towers(Architecture arch, TrainingConfig config) {
    if (config.device() != Device.CPU || config.threads() > 0 || !arch.convolutional()
        || arch.usesBatchStatistics()) {
      return 1;
    }
    return Math.min(2, Runtime.getRuntime().availableProcessors());
  }

  /**
   * A ConfigProto that hides GPUs for {@link Device#CPU} and sets the thread pools: with several towers, one
   * inter-op thread per tower and the cores shared out between them; otherwise {@code threads} intra-op
   * threads (0 = all cores) and one inter-op thread. With {@code precision} (resolved: {@link Precision#on}) mixed
   * bfloat16, Grappler's oneDNN auto-mixed-precision rewrite: LeNet-5 at batch 64 trained 19,573/23,241 images/s
   * against 13,990/15,087 in float32, alternating in one sitting (README, "Training speed").
   */
  static ConfigProto config(Device device, int threads, int towers, Precision precision) {
    int cores = Runtime.getRuntime().availableProcessors();
    int intra = towers > 1 ? Math.max(1, cores / towers) : threads > 0 ? threads : cores;
    int inter = towers > 1 ? towers : 1;
    ConfigProto.Builder config =
        ConfigProto.newBuilder()
            .setIntraOpParallelismThreads(intra)
            .setInterOpParallelismThreads(inter)
            .setAllowSoftPlacement(true);
    if (device == Device.CPU) {
      config.putDeviceCount("GPU", 0);
      // Grappler rewrites the training graph before its first step, which a one-epoch run pays in full: on a
      // CPU the layout optimizer and the memory optimizer changed nothing (4 and 9 ms), and a second pass of
      // the meta-optimizer fused two more nodes for ~40 ms. First step, alternating without/with: 185/94,
      // 127/97, 154/100 ms; the same kernels run (README, "Training speed").
      RewriterConfig.Builder rewrite = config.getGraphOptionsBuilder().getRewriteOptionsBuilder();
      rewrite
          .setMetaOptimizerIterations(RewriterConfig.NumIterationsType.ONE)
          .setMemoryOptimization(RewriterConfig.MemOptType.NO_MEM_OPT)
          .setLayoutOptimizer(RewriterConfig.Toggle.OFF);
      if (precision == Precision.MIXED_BFLOAT16) {
        rewrite.setAutoMixedPrecisionOnednnBfloat16(RewriterConfig.Toggle.ON);
      }
    } else {
      config.getGpuOptionsBuilder().setAllowGrowth(true);
    }
    return config.build();
  }
}
