package dev.tfj.server.predict;

/** For each of a batch of images, the most probable digit and all ten probabilities. */
public record DigitPredictions(int[] digits, float[][] probabilities) {

  /** The number of images. */
  public int count() {
    return digits.length;
  }
}
