package dev.tfj.cli;

import dev.tfj.cli.serving.ImageModelOptions;
import dev.tfj.cli.serving.InputLayout;
import dev.tfj.cli.serving.PixelScale;
import picocli.CommandLine.Option;

/** Options for feeding images to a model whose signature does not make it obvious (foreign SavedModels). */
public final class ImageModelMixin {

  @Option(names = "--signature", paramLabel = "KEY", description = "Signature to run (default: serving_default).")
  String signature;

  @Option(names = "--input-name", paramLabel = "NAME", description = "Signature input that takes the images (default: the only one).")
  String inputName;

  @Option(
      names = "--output-name",
      paramLabel = "NAME",
      description = "Signature output with ten scores per image (default: 'probabilities', else the only one).")
  String outputName;

  @Option(
      names = "--layout",
      paramLabel = "SHAPE",
      description = "Input layout: N,28,28,1 | N,28,28 | N,784 (default: from the input's shape).")
  String layout;

  @Option(
      names = "--scale",
      paramLabel = "RANGE",
      defaultValue = "0..1",
      description = "Pixel range the model expects: 0..1 or 0..255 (default: ${DEFAULT-VALUE}).")
  String scale;

  /** The options as the model adapter takes them. */
  ImageModelOptions options() {
    return new ImageModelOptions(
        signature, inputName, outputName, layout == null ? null : InputLayout.parse(layout), PixelScale.parse(scale));
  }
}
