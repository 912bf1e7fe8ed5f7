package dev.tfj.cli.serving;

import dev.tfj.bundle.ServingSignature;
import dev.tfj.cli.UserError;
import dev.tfj.inference.DType;
import dev.tfj.inference.HostTensor;
import dev.tfj.inference.InvalidInputException;
import dev.tfj.inference.LoadedModel;
import dev.tfj.inference.PredictRequest;
import dev.tfj.inference.Predictor;
import dev.tfj.inference.Probabilities;
import dev.tfj.inference.SessionThreads;
import dev.tfj.inference.SignatureSpec;
import dev.tfj.inference.TensorSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A SavedModel used as a digit classifier: which signature, input and output to use and how to shape and
 * scale the pixels, worked out from the signature unless {@link ImageModelOptions} say otherwise.
 */
public final class ImageModel implements AutoCloseable {

  private static final int PIXELS = ServingSignature.IMAGE_SIZE * ServingSignature.IMAGE_SIZE;
  private static final int CLASSES = ServingSignature.NUM_CLASSES;

  private final LoadedModel model;
  private final Predictor predictor;
  private final SignatureSpec signature;
  private final TensorSpec input;
  private final TensorSpec output;
  private final InputLayout layout;
  private final PixelScale scale;

  private ImageModel(LoadedModel model, ImageModelOptions options) {
    this.model = model;
    this.predictor = Predictor.unbatched(model);
    this.signature = signature(options.signature());
    this.input = input(options.inputName());
    this.output = output(options.outputName());
    this.layout = layout(options.layout());
    this.scale = options.scale() == null ? PixelScale.UNIT : options.scale();
  }

  /** Loads the SavedModel at a version or model directory; one-line {@link UserError}s for anything wrong. */
  public static ImageModel open(Path path, ImageModelOptions options) {
    Path dir = ModelPaths.resolve(path);
    LoadedModel loaded;
    try {
      loaded = LoadedModel.load(dir, SessionThreads.defaults());
    } catch (RuntimeException e) {
      throw UserError.failure("cannot load the SavedModel in " + dir + ": " + firstLine(e.getMessage()), e);
    }
    try {
      return new ImageModel(loaded, options);
    } catch (RuntimeException e) {
      loaded.close();
      throw e;
    }
  }

  /** The SavedModel directory. */
  public Path dir() {
    return model.dir();
  }

  /** One line saying what is fed and read, e.g. {@code serving_default: images [N,28,28,1] 0..1 -> probabilities}. */
  public String describe() {
    return signature.key() + ": " + input.name() + " [" + layout.text() + "] "
        + (scale == PixelScale.UNIT ? "0..1" : "0..255") + " -> " + output.name();
  }

  /** Ten probabilities per image for {@code count} images of 784 pixels in [0,1] (the array is scaled in place). */
  public float[][] probabilities(float[] unitPixels, int count) {
    HostTensor batch = HostTensor.floats(layout.shape(count), scale.apply(unitPixels));
    HostTensor scores;
    try {
      scores = predictor.predict(new PredictRequest(signature.key(), Map.of(input.name(), batch)))
          .outputs().get(output.name());
    } catch (InvalidInputException e) {
      throw UserError.failure("the model rejected input [" + layout.text() + "] for '" + input.name() + "' "
          + input.shapeText() + ": " + firstLine(e.getMessage()) + " (try --layout)", e);
    }
    float[] flat = scores.toFloats();
    if (flat.length != count * CLASSES) {
      throw UserError.failure("output '" + output.name() + "' gave " + flat.length + " values for " + count
          + " images; expected ten per image (choose another with --output-name)", null);
    }
    float[][] probabilities = new float[count][];
    for (int i = 0; i < count; i++) {
      probabilities[i] = Probabilities.normalise(java.util.Arrays.copyOfRange(flat, i * CLASSES, (i + 1) * CLASSES));
    }
    return probabilities;
  }

  private SignatureSpec signature(String key) {
    try {
      return predictor.signature(key);
    } catch (InvalidInputException e) {
      throw UserError.usage((key == null ? "" : "--signature " + key + ": ") + firstLine(e.getMessage()));
    }
  }

  private TensorSpec input(String name) {
    if (name != null) {
      return find(signature.inputs(), name, "--input-name", "input");
    }
    List<TensorSpec> floats =
        signature.inputs().values().stream().filter(t -> t.dtype().orElse(null) == DType.FLOAT).toList();
    if (floats.size() != 1 || signature.inputs().size() != 1) {
      throw UserError.usage("signature '" + signature.key() + "' has inputs " + signature.inputs().values()
          + "; name the image input with --input-name");
    }
    return floats.get(0);
  }

  private TensorSpec output(String name) {
    if (name != null) {
      return find(signature.outputs(), name, "--output-name", "output");
    }
    TensorSpec named = signature.outputs().get(ServingSignature.OUTPUT_PROBABILITIES);
    if (named != null) {
      return named;
    }
    List<TensorSpec> scores = signature.outputs().values().stream()
        .filter(t -> t.dtype().map(d -> d == DType.FLOAT || d == DType.DOUBLE).orElse(false))
        .filter(t -> t.shape() != null && t.shape().length == 2 && t.shape()[1] == CLASSES)
        .toList();
    if (scores.size() != 1) {
      throw UserError.usage("signature '" + signature.key() + "' has no single output of ten scores per image ("
          + signature.outputs().values() + "); name one with --output-name");
    }
    return scores.get(0);
  }

  private InputLayout layout(InputLayout chosen) {
    if (chosen != null) {
      return chosen;
    }
    InputLayout inferred = InputLayout.of(input.shape());
    if (inferred == null) {
      throw UserError.usage("input '" + input.name() + "' has shape " + input.shapeText()
          + ", which does not say how to lay out 28x28 images; pass --layout N,28,28,1|N,28,28|N,784");
    }
    return inferred;
  }

  private TensorSpec find(Map<String, TensorSpec> specs, String name, String option, String what) {
    TensorSpec spec = specs.get(name);
    if (spec == null) {
      spec = specs.values().stream().filter(t -> t.tensorName().equals(name) || t.tensorName().equals(name + ":0"))
          .findFirst().orElse(null);
    }
    if (spec == null) {
      throw UserError.usage(option + " " + name + ": signature '" + signature.key() + "' has no " + what
          + " of that name; it has " + specs.keySet());
    }
    return spec;
  }

  static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  @Override
  public void close() {
    predictor.close();
  }
}
