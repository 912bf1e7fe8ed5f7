package dev.tfj.trainer.train;

import org.tensorflow.proto.ConfigProto;

/** Session configuration for a device and thread count. */
final class SessionSettings {

  private SessionSettings() {}

  /** A ConfigProto that hides GPUs for {@link Device#CPU} and sets intra-op threads (0 = all cores). */
  static ConfigProto config(Device device, int threads) {
    int intra = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    ConfigProto.Builder config =
        ConfigProto.newBuilder()
            .setIntraOpParallelismThreads(intra)
            .setInterOpParallelismThreads(1)
            .setAllowSoftPlacement(true);
    if (device == Device.CPU) {
      config.putDeviceCount("GPU", 0);
    } else {
      config.getGpuOptionsBuilder().setAllowGrowth(true);
    }
    return config.build();
  }
}
