package dev.tfj.spark.cli;

import dev.tfj.inference.ImageFeed;
import dev.tfj.inference.ImageFeedException;
import dev.tfj.inference.InputLayout;
import dev.tfj.inference.PixelScale;
import java.util.Arrays;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** How to feed a foreign SavedModel: the options {@code tfj predict} takes, with the same names and meaning. */
final class FeedOptions {

  @Option(names = "--signature", paramLabel = "KEY", description = "Signature to run (default: serving_default).")
  String signature;

  @Option(names = "--input-name", paramLabel = "NAME",
      description = "Signature input that takes the images (default: the only one).")
  String inputName;

  @Option(names = "--output-name", paramLabel = "NAME",
      description = "Signature output with ten scores per image (default: 'probabilities', else the only one).")
  String outputName;

  @Option(names = "--layout", paramLabel = "SHAPE", converter = LayoutConverter.class,
      description = "Input layout: N,28,28,1 | N,28,28 | N,784 (default: from the input's shape).")
  InputLayout layout;

  @Option(names = "--scale", paramLabel = "RANGE", defaultValue = "0..1", converter = ScaleConverter.class,
      description = "Pixel range the model expects: 0..1 or 0..255 (default: ${DEFAULT-VALUE}).")
  PixelScale scale;

  ImageFeed feed() {
    return new ImageFeed(signature, inputName, outputName, layout, scale);
  }

  /** The option that settles a choice of the feed, and what to do when it was not given. */
  static String advice(ImageFeedException.Choice choice) {
    return switch (choice) {
      case SIGNATURE -> "choose one with --signature";
      case INPUT -> "name the image input with --input-name";
      case OUTPUT -> "name one with --output-name";
      case LAYOUT -> "pass --layout " + layouts("|");
    };
  }

  private static String layouts(String separator) {
    return Arrays.stream(InputLayout.values()).map(InputLayout::text).collect(Collectors.joining(separator));
  }

  /** {@code --layout}. */
  static final class LayoutConverter implements ITypeConverter<InputLayout> {
    @Override
    public InputLayout convert(String value) {
      return InputLayout.fromText(value)
          .orElseThrow(() -> new TypeConversionException("--layout '" + value + "': choose one of " + layouts("  ")));
    }
  }

  /** {@code --scale}. */
  static final class ScaleConverter implements ITypeConverter<PixelScale> {
    @Override
    public PixelScale convert(String value) {
      return PixelScale.fromText(value)
          .orElseThrow(() -> new TypeConversionException("--scale '" + value + "': choose 0..1 or 0..255"));
    }
  }
}
