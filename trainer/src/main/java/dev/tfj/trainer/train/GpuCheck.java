package dev.tfj.trainer.train;

import dev.tfj.bundle.OneDnn;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;

/** Finds out whether TensorFlow can place an op on a GPU. */
public final class GpuCheck {

  private GpuCheck() {}

  /**
   * Throws {@link GpuUnavailableException} saying why no GPU is visible: the CPU natives in use, no CUDA driver,
   * or no device.
   */
  public static void requireGpu() {
    OneDnn.enableUnlessSet();
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      DeviceSpec gpu =
          DeviceSpec.newBuilder().deviceType(DeviceSpec.DeviceType.GPU).deviceIndex(0).build();
      var probe = tf.withDevice(gpu).withName("gpu_probe").identity(tf.constant(1f));
      ConfigProto strict = ConfigProto.newBuilder().setAllowSoftPlacement(false).build();
      try (Session session = new Session(graph, strict)) {
        session.runner().fetch(probe).run().close();
      }
    } catch (RuntimeException e) {
      throw new GpuUnavailableException(reason(e.getMessage()), e);
    }
  }

  private static String reason(String message) {
    if (message == null) {
      return "no detail";
    }
    if (message.contains("CUDA is not enabled")) {
      return "these are TensorFlow's CPU-only natives";
    }
    Matcher devices = Pattern.compile("available devices are \\[([^\\]]*)\\]").matcher(message);
    return devices.find() ? "devices: " + devices.group(1).trim() : firstLine(message);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "no detail";
    }
    int nl = message.indexOf('\n');
    return (nl < 0 ? message : message.substring(0, nl)).trim();
  }
}
