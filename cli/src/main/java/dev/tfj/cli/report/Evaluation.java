package dev.tfj.cli.report;

import dev.tfj.trainer.data.ImageSet;
import java.util.ArrayList;
import java.util.List;

/** A bundle's predicted class for every test image, next to the true labels. */
public record Evaluation(ImageSet test, int[] predictions) {

  /** Checks there is one prediction per test image. */
  public Evaluation {
    if (predictions.length != test.count()) {
      throw new IllegalArgumentException(
          predictions.length + " predictions for " + test.count() + " test images");
    }
  }

  /** The number of test images predicted right. */
  public int correct() {
    int correct = 0;
    for (int i = 0; i < predictions.length; i++) {
      correct += predictions[i] == test.label(i) ? 1 : 0;
    }
    return correct;
  }

  /** The fraction of test images predicted right. */
  public double accuracy() {
    return predictions.length == 0 ? 0 : (double) correct() / predictions.length;
  }

  /** Whether test image {@code i} was predicted wrong. */
  public boolean wrong(int i) {
    return predictions[i] != test.label(i);
  }

  /** Counts of (true class, predicted class) pairs: {@code [truth][prediction]}. */
  public int[][] confusion(int classes) {
    int[][] matrix = new int[classes][classes];
    for (int i = 0; i < predictions.length; i++) {
      matrix[test.label(i)][predictions[i]]++;
    }
    return matrix;
  }

  /** The indices of the test images predicted wrong, ascending. */
  public List<Integer> errors() {
    List<Integer> errors = new ArrayList<>();
    for (int i = 0; i < predictions.length; i++) {
      if (wrong(i)) {
        errors.add(i);
      }
    }
    return errors;
  }
}
