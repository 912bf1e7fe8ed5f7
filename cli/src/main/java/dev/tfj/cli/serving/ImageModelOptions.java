package dev.tfj.cli.serving;

/**
 * What to override when a model's signature does not make plain how to feed it images; null means "work it
 * out from the signature".
 */
public record ImageModelOptions(
    String signature, String inputName, String outputName, InputLayout layout, PixelScale scale) {

  /** Everything worked out from the signature, pixels in [0,1]. */
  public static ImageModelOptions defaults() {
    return new ImageModelOptions(null, null, null, null, PixelScale.UNIT);
  }
}
