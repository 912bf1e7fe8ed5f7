package dev.tfj.server.predict;

import dev.tfj.bundle.ServingSignature;
import java.util.Map;
import java.util.List;

/**
 * Runs any MNIST-style model on 28x28 grey images given as floats in [0,1], row-major, one image after
 * another. The default signature must take one float input of 784 values per image, shaped
 * {@code [-1,28,28,1]}, {@code [-1,28,28]} or {@code [-1,784]}, and give ten scores per image: the output
 * named {@code probabilities} if there is one, else the only float output of ten per image. Scores that
 * are not already probabilities (negative, or not summing to 1) go through a softmax.
 */
public final class DigitClassifier {

  private static final int PIXELS = ServingSignature.IMAGE_SIZE * ServingSignature.IMAGE_SIZE;
  private static final int CLASSES = ServingSignature.NUM_CLASSES;

  private DigitClassifier() {}

  /** Classifies {@code count} images packed in {@code pixels}. */
  public static DigitPredictions classify(Predictor predictor, float[] pixels, int count) {
    if (count < 1 || pixels.length != count * PIXELS) {
      throw new InvalidInputException("expected " + count + " images of " + PIXELS + " pixels, got " + pixels.length + " values");
    }
    SignatureSpec sig = predictor.signature(null);
    TensorSpec input = imageInput(sig);
    TensorSpec output = scoreOutput(sig);
    long[] shape = inputShape(input, count);
    PredictResult result =
        predictor.predict(new PredictRequest(sig.key(), Map.of(input.name(), HostTensor.floats(shape, pixels))));
    float[] scores = result.outputs().get(output.name()).toFloats();
    int[] digits = new int[count];
    float[][] probabilities = new float[count][];
    for (int i = 0; i < count; i++) {
      float[] row = java.util.Arrays.copyOfRange(scores, i * CLASSES, (i + 1) * CLASSES);
      probabilities[i] = Probabilities.normalise(row);
      digits[i] = Probabilities.argMax(probabilities[i]);
    }
    return new DigitPredictions(digits, probabilities);
  }

  private static TensorSpec imageInput(SignatureSpec sig) {
    if (sig.inputs().size() != 1) {
      throw new InvalidInputException("signature '" + sig.key() + "' has " + sig.inputs().size() + " inputs; an image model has one");
    }
    TensorSpec in = sig.inputs().values().iterator().next();
    if (in.dtype().orElse(null) != DType.FLOAT) {
      throw new InvalidInputException("input '" + in.name() + "' is " + in.dataType() + "; an image model takes DT_FLOAT");
    }
    return in;
  }

  static long[] inputShape(TensorSpec in, int count) {
    long[] shape =
        in.unknownRank()
            ? new long[] {count, ServingSignature.IMAGE_SIZE, ServingSignature.IMAGE_SIZE, 1}
            : in.shape().clone();
    shape[0] = count;
    if (shape.length == 4 && shape[1] < 0 && shape[2] < 0) {
      shape[1] = shape[2] = ServingSignature.IMAGE_SIZE;
    }
    if (shape.length == 3 && shape[1] < 0 && shape[2] < 0) {
      shape[1] = shape[2] = ServingSignature.IMAGE_SIZE;
    }
    for (int d = 1; d < shape.length; d++) {
      shape[d] = shape[d] < 0 ? (shape.length == 2 ? PIXELS : 1) : shape[d];
    }
    if (HostTensor.elementCount(shape) != (long) count * PIXELS) {
      throw new InvalidInputException("input '" + in.name() + "' with shape " + in.shapeText() + " does not take 28x28 images");
    }
    return shape;
  }

  private static TensorSpec scoreOutput(SignatureSpec sig) {
    TensorSpec named = sig.outputs().get(ServingSignature.OUTPUT_PROBABILITIES);
    if (named != null) {
      return named;
    }
    List<TensorSpec> scores =
        sig.outputs().values().stream()
            .filter(t -> t.dtype().map(d -> d == DType.FLOAT || d == DType.DOUBLE).orElse(false))
            .filter(t -> t.shape() != null && t.shape().length == 2 && t.shape()[1] == CLASSES)
            .toList();
    if (scores.size() != 1) {
      throw new InvalidInputException(
          "signature '" + sig.key() + "' has no single output of ten scores per image: " + sig.outputs().values());
    }
    return scores.get(0);
  }
}
