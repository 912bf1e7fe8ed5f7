package dev.tfj.trainer.train;

import dev.tfj.bundle.ServingSignature;
import dev.tfj.inference.ImageBatch;
import java.util.Arrays;

/** The [0,1] floats the graphs take for uint8 intensities. */
final class Pixels {

  private Pixels() {}

  /**
   * The float each uint8 intensity becomes, computed by the one host-side conversion every front end uses
   * ({@link ImageBatch#ofBytes}), so the training graph's lookup gives exactly the floats serving sees.
   */
  static float[] intensities() {
    byte[] levels = new byte[256];
    for (int i = 0; i < levels.length; i++) {
      levels[i] = (byte) i;
    }
    int size = ServingSignature.IMAGE_SIZE * ServingSignature.IMAGE_SIZE;
    float[] unit = ImageBatch.ofBytes(Arrays.copyOf(levels, size), 0, 1).pixels();
    return Arrays.copyOf(unit, levels.length);
  }
}
