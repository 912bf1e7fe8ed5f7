package dev.tfj.inference;

import java.io.Serializable;

/**
 * How to feed images to a model: which signature, input and output, which layout and pixel range. Null means
 * "work it out from the signature" (the scale defaults to [0,1]). Serializable, so a distributed job can
 * send it to the machines that load the model.
 */
public record ImageFeed(String signature, String inputName, String outputName, InputLayout layout, PixelScale scale)
    implements Serializable {

  /** Everything worked out from the signature, pixels in [0,1]. */
  public static ImageFeed defaults() {
    return new ImageFeed(null, null, null, null, PixelScale.UNIT);
  }
}
