package dev.tfj.inference;

/** For each image of a batch, the most probable class and the probabilities of all classes. */
public record Classifications(int[] classes, float[][] probabilities) {

  /** The number of images. */
  public int count() {
    return classes.length;
  }
}
