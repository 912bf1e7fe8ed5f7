package dev.tfj.inference;

import dev.tfj.bundle.ServingSignature;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Any SavedModel used as an image classifier, the one path from images to classes that every front end
 * calls (HTTP image endpoint, predict, evaluate, report, bench, Spark). Which signature, input and output to
 * use and how to lay out and scale the pixels are worked out from the signature once, unless an
 * {@link ImageFeed} says otherwise; {@link #classify} then feeds batches of images and returns classes and
 * probabilities. Scores that are not already probabilities (negative, or not summing to 1) go through a
 * softmax.
 *
 * <p>A classifier made over a {@link Predictor} shares it (and its batching) and does not close it; one made
 * by {@link #open} owns its model and closes it.
 */
public final class ImageClassifier implements AutoCloseable {

  /** Images per session run when a batch is larger: keeps the input and output tensors a few MB. */
  public static final int MAX_RUN_IMAGES = 512;

  /** Images per step of {@link #evaluate}: a progress step every few milliseconds, about 1.5 MB of floats. */
  static final int EVALUATION_RUN = 500;

  private static final int CLASSES = ServingSignature.NUM_CLASSES;

  private final Predictor predictor;
  private final boolean owned;
  private final SignatureSpec signature;
  private final TensorSpec input;
  private final TensorSpec output;
  private final InputLayout layout;
  private final PixelScale scale;

  private ImageClassifier(Predictor predictor, boolean owned, ImageFeed feed) {
    this.predictor = predictor;
    this.owned = owned;
    this.signature = signature(predictor, feed.signature());
    this.input = input(feed.inputName());
    this.output = output(feed.outputName());
    this.layout = feed.layout() != null ? feed.layout() : inferLayout();
    this.scale = feed.scale() == null ? PixelScale.UNIT : feed.scale();
  }

  /**
   * A classifier over a predictor that stays the caller's (the server's registry shares it between requests).
   *
   * @throws ImageFeedException when the signature does not say how to feed images and the feed does not either
   */
  public static ImageClassifier over(Predictor predictor, ImageFeed feed) {
    return new ImageClassifier(predictor, false, feed);
  }

  /**
   * Loads the SavedModel in {@code dir} (a version directory) with the given session threads and makes a
   * classifier that owns it.
   *
   * @throws ModelLoadException when TensorFlow cannot load it
   * @throws ImageFeedException when its signature does not say how to feed images and the feed does not either
   */
  public static ImageClassifier open(Path dir, ImageFeed feed, SessionThreads threads) {
    LoadedModel model = LoadedModel.load(dir, threads);
    Predictor predictor = Predictor.unbatched(model);
    try {
      return new ImageClassifier(predictor, true, feed);
    } catch (RuntimeException e) {
      predictor.close();
      throw e;
    }
  }

  /** The SavedModel directory. */
  public Path dir() {
    return predictor.model().dir();
  }

  /** The signature it runs. */
  public SignatureSpec signature() {
    return signature;
  }

  /** The input it feeds. */
  public TensorSpec input() {
    return input;
  }

  /** The output it reads. */
  public TensorSpec output() {
    return output;
  }

  /** How it shapes a batch. */
  public InputLayout layout() {
    return layout;
  }

  /** The range it scales pixels to. */
  public PixelScale scale() {
    return scale;
  }

  /** One line saying what is fed and read, e.g. {@code serving_default: images [N,28,28,1] 0..1 -> probabilities}. */
  public String describe() {
    return signature.key() + ": " + input.name() + " [" + layout.text() + "] " + scale.text() + " -> " + output.name();
  }

  /**
   * Classifies every image of the batch, in session runs of at most {@link #MAX_RUN_IMAGES} images.
   *
   * @throws InvalidInputException when TensorFlow rejects the input as laid out
   * @throws ImageFeedException when the output does not give ten scores per image
   */
  public Classifications classify(ImageBatch images) {
    int[] classes = new int[images.count()];
    float[][] probabilities = new float[images.count()][];
    for (int from = 0; from < images.count(); from += MAX_RUN_IMAGES) {
      int to = Math.min(images.count(), from + MAX_RUN_IMAGES);
      float[] scores = scores(images.slice(from, to));
      for (int i = 0; i < to - from; i++) {
        float[] p = Probabilities.normalise(Arrays.copyOfRange(scores, i * CLASSES, (i + 1) * CLASSES));
        probabilities[from + i] = p;
        classes[from + i] = Probabilities.argMax(p);
      }
    }
    return new Classifications(classes, probabilities);
  }

  /**
   * Classifies {@code labels.length} images of unsigned bytes (784 each, as IDX files hold them) and compares
   * each with its label, in runs of {@value #EVALUATION_RUN} images; {@code progress} hears how many images
   * each run held.
   */
  public Evaluation evaluate(byte[] pixels, byte[] labels, IntConsumer progress) {
    if (pixels.length != (long) labels.length * ImageBatch.PIXELS) {
      throw new InvalidInputException(labels.length + " labels for " + pixels.length / (double) ImageBatch.PIXELS
          + " images of " + ImageBatch.PIXELS + " pixels");
    }
    Evaluation.Builder eval = Evaluation.builder(CLASSES);
    for (int from = 0; from < labels.length; from += EVALUATION_RUN) {
      int n = Math.min(EVALUATION_RUN, labels.length - from);
      Classifications classified = classify(ImageBatch.ofBytes(pixels, from, n));
      for (int i = 0; i < n; i++) {
        eval.add(labels[from + i] & 0xFF, classified.classes()[i], classified.probabilities()[i]);
      }
      progress.accept(n);
    }
    return eval.build();
  }

  private float[] scores(ImageBatch images) {
    HostTensor batch = HostTensor.floats(layout.shape(images.count()), scale.fromUnit(images.pixels()));
    PredictResult result = predictor.predict(signature, Map.of(input.name(), batch));
    float[] flat = result.outputs().get(output.name()).toFloats();
    if (flat.length != images.count() * CLASSES) {
      throw new ImageFeedException(ImageFeedException.Choice.OUTPUT, "output '" + output.name() + "' gave "
          + flat.length + " values for " + images.count() + " images; expected ten per image");
    }
    return flat;
  }

  private static SignatureSpec signature(Predictor predictor, String key) {
    try {
      return predictor.signature(key);
    } catch (InvalidInputException e) {
      throw new ImageFeedException(ImageFeedException.Choice.SIGNATURE, e.getMessage());
    }
  }

  private TensorSpec input(String name) {
    if (name != null) {
      return find(signature.inputs(), name, ImageFeedException.Choice.INPUT, "input");
    }
    if (signature.inputs().size() != 1) {
      throw new ImageFeedException(ImageFeedException.Choice.INPUT, "signature '" + signature.key() + "' has "
          + signature.inputs().size() + " inputs " + signature.inputs().values() + "; an image model has one");
    }
    TensorSpec only = signature.inputs().values().iterator().next();
    if (only.dtype().orElse(null) != DType.FLOAT) {
      throw new ImageFeedException(ImageFeedException.Choice.INPUT,
          "input '" + only.name() + "' is " + only.dataType() + "; an image model takes DT_FLOAT");
    }
    return only;
  }

  private TensorSpec output(String name) {
    if (name != null) {
      TensorSpec chosen = find(signature.outputs(), name, ImageFeedException.Choice.OUTPUT, "output");
      if (!isScores(chosen)) {
        throw new ImageFeedException(ImageFeedException.Choice.OUTPUT, "output '" + chosen.name() + "' is "
            + chosen.dataType() + "; scores are DT_FLOAT or DT_DOUBLE");
      }
      return chosen;
    }
    TensorSpec named = signature.outputs().get(ServingSignature.OUTPUT_PROBABILITIES);
    if (named != null) {
      return named;
    }
    List<TensorSpec> scores = signature.outputs().values().stream()
        .filter(ImageClassifier::isScores)
        .filter(t -> t.shape() != null && t.shape().length == 2 && t.shape()[1] == CLASSES)
        .toList();
    if (scores.size() != 1) {
      throw new ImageFeedException(ImageFeedException.Choice.OUTPUT, "signature '" + signature.key()
          + "' has no single output of ten scores per image: " + signature.outputs().values());
    }
    return scores.get(0);
  }

  private static boolean isScores(TensorSpec t) {
    return t.dtype().map(d -> d == DType.FLOAT || d == DType.DOUBLE).orElse(false);
  }

  private InputLayout inferLayout() {
    return InputLayout.of(input.shape())
        .orElseThrow(() -> new ImageFeedException(ImageFeedException.Choice.LAYOUT, "input '" + input.name()
            + "' has shape " + input.shapeText() + ", which does not say how to lay out 28x28 images"));
  }

  private TensorSpec find(Map<String, TensorSpec> specs, String name, ImageFeedException.Choice choice, String what) {
    TensorSpec spec = specs.get(name);
    if (spec == null) {
      spec = specs.values().stream()
          .filter(t -> t.tensorName().equals(name) || t.tensorName().equals(name + ":0"))
          .findFirst()
          .orElse(null);
    }
    if (spec == null) {
      throw new ImageFeedException(choice, "signature '" + signature.key() + "' has no " + what + " named '"
          + name + "'; it has " + specs.keySet());
    }
    return spec;
  }

  /** Closes the model if this classifier loaded it. */
  @Override
  public void close() {
    if (owned) {
      predictor.close();
    }
  }
}
