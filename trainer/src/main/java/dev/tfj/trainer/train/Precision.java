package dev.tfj.trainer.train;

import dev.tfj.bundle.OneDnn;
import dev.tfj.trainer.model.Architecture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The number format a training step computes in. Variables, their updates, the loss and every exported weight
 * are float32 either way.
 */
public enum Precision {
  /**
   * {@link #MIXED_BFLOAT16} for a convolutional model without batch statistics (LeNet-5) on a CPU with bfloat16
   * instructions, {@link #FLOAT32} elsewhere. Measured with {@code ./tfj train --epochs 1} alternating, float32 /
   * mixed: the MLP's small matrix products gained nothing (70,580 / 66,705, 78,549 / 68,148, 70,528 / 69,156,
   * 68,448 / 66,359 img/s), and {@code lenet5-reg}'s batch normalisation lost (4,587 / 3,401, 6,019 / 4,130).
   */
  AUTO("auto"),
  /** Every op in float32. */
  FLOAT32("float32"),
  /**
   * TensorFlow's oneDNN auto-mixed-precision rewrite on a CPU: convolutions, matrix products and the ops between
   * them run in bfloat16 (8 significant bits), variables and optimizer updates stay float32.
   */
  MIXED_BFLOAT16("mixed-bfloat16");

  private static final Path CPUINFO = Path.of("/proc/cpuinfo");
  /** Linux's names for the instructions oneDNN's bfloat16 kernels run on natively (Zen 4, Cooper Lake, Sapphire Rapids). */
  private static final Set<String> BFLOAT16_FLAGS = Set.of("avx512_bf16", "amx_bf16");
  private static final Pattern FLAGS_LINE = Pattern.compile("(?m)^flags\\s*:(.*)$");

  private final String id;

  Precision(String id) {
    this.id = id;
  }

  /** The name used on the command line and in metrics.json. */
  public String id() {
    return id;
  }

  /** The {@link #id}, as picocli lists and matches it. */
  @Override
  public String toString() {
    return id;
  }

  /**
   * What this precision means for training {@code arch} on {@code device} of this machine, never {@link #AUTO}:
   * bfloat16 needs the CPU's instructions for it and TensorFlow's oneDNN kernels (off when the user set
   * {@value OneDnn#VARIABLE}=0).
   *
   * @throws InvalidTrainingConfigException for {@link #MIXED_BFLOAT16} with oneDNN switched off, which would
   *     leave the rewrite undone while the run recorded it
   */
  public Precision on(Device device, Architecture arch) {
    OneDnn.enableUnlessSet();
    if (this == MIXED_BFLOAT16 && !OneDnn.enabled()) {
      throw new InvalidTrainingConfigException(
          TrainingSetting.PRECISION,
          "needs TensorFlow's oneDNN kernels, which " + OneDnn.VARIABLE + "=0 switches off; use float32 or auto",
          this);
    }
    if (this != AUTO) {
      return this;
    }
    boolean gains = arch.convolutional() && !arch.usesBatchStatistics();
    return device == Device.CPU && gains && CpuFlags.NATIVE_BFLOAT16 && OneDnn.enabled()
        ? MIXED_BFLOAT16
        : FLOAT32;
  }

  /** Whether a {@code /proc/cpuinfo} text lists an instruction set that computes bfloat16 natively. */
  static boolean nativeBfloat16(String cpuinfo) {
    var m = FLAGS_LINE.matcher(cpuinfo);
    if (!m.find()) {
      return false;
    }
    for (String flag : m.group(1).trim().split("\\s+")) {
      if (BFLOAT16_FLAGS.contains(flag.toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }

  /** Read once: the flags do not change while the process runs. */
  private static final class CpuFlags {
    static final boolean NATIVE_BFLOAT16 = read();

    private static boolean read() {
      try {
        return Files.isReadable(CPUINFO) && nativeBfloat16(Files.readString(CPUINFO));
      } catch (IOException | RuntimeException e) {
        return false;
      }
    }
  }
}
