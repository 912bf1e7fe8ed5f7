package dev.tfj.cli;

import dev.tfj.bundle.ModelLayout;
import dev.tfj.inference.ImageClassifier;
import dev.tfj.inference.ImageFeed;
import dev.tfj.inference.ImageFeedException;
import dev.tfj.inference.InputLayout;
import dev.tfj.inference.PixelScale;
import dev.tfj.inference.SessionThreads;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

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
      converter = LayoutConverter.class,
      description = "Input layout: N,28,28,1 | N,28,28 | N,784 (default: from the input's shape).")
  InputLayout layout;

  @Option(
      names = "--scale",
      paramLabel = "RANGE",
      defaultValue = "0..1",
      converter = ScaleConverter.class,
      description = "Pixel range the model expects: 0..1 or 0..255 (default: ${DEFAULT-VALUE}).")
  PixelScale scale;

  /** The classifier {@link #open} made, so a rejected input can be reported with what was fed. */
  private ImageClassifier opened;

  /**
   * Loads the SavedModel a {@code --model} path names (a version directory, or a model directory's latest
   * version) as a classifier fed as these options say.
   */
  ImageClassifier open(Path model) {
    opened = ImageClassifier.open(ModelLayout.resolve(model).dir(), feed(), SessionThreads.defaults());
    return opened;
  }

  private ImageFeed feed() {
    return new ImageFeed(signature, inputName, outputName, layout, scale);
  }

  /** What the opened classifier feeds, e.g. {@code input [N,784] for 'images' [-1,28,28,1]}; null before it opened. */
  String fedInput() {
    return opened == null
        ? null
        : "input [" + opened.layout().text() + "] for '" + opened.input().name() + "' " + opened.input().shapeText();
  }

  /** The option that makes a choice of the feed. */
  static String option(ImageFeedException.Choice choice) {
    return switch (choice) {
      case SIGNATURE -> "--signature";
      case INPUT -> "--input-name";
      case OUTPUT -> "--output-name";
      case LAYOUT -> "--layout";
    };
  }

  /** What to do when the model's signature does not settle a choice and the option was not given. */
  static String hint(ImageFeedException.Choice choice) {
    return switch (choice) {
      case SIGNATURE -> "choose one with --signature";
      case INPUT -> "name the image input with --input-name";
      case OUTPUT -> "name one with --output-name";
      case LAYOUT -> "pass --layout " + Arrays.stream(InputLayout.values()).map(InputLayout::text)
          .collect(Collectors.joining("|"));
    };
  }

  /** {@code --layout}: {@code N,28,28,1}, {@code [-1,784]}, {@code nhwc} and the like. */
  static final class LayoutConverter implements ITypeConverter<InputLayout> {
    @Override
    public InputLayout convert(String value) {
      return InputLayout.fromText(value).orElseThrow(() -> new TypeConversionException("choose one of "
          + Arrays.stream(InputLayout.values()).map(InputLayout::text).collect(Collectors.joining("  "))));
    }
  }

  /** {@code --scale}: {@code 0..1} or {@code 0..255}. */
  static final class ScaleConverter implements ITypeConverter<PixelScale> {
    @Override
    public PixelScale convert(String value) {
      return PixelScale.fromText(value).orElseThrow(() -> new TypeConversionException("choose 0..1 or 0..255"));
    }
  }
}
