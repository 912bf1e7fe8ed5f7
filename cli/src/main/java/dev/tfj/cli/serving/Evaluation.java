package dev.tfj.cli.serving;

import dev.tfj.inference.Probabilities;

/** Accumulates accuracy, cross-entropy and a confusion matrix over batches of predictions. */
public final class Evaluation {

  private final int[][] confusion;
  private double lossSum;
  private int count;
  private int correct;

  /** An empty evaluation over {@code classes} classes. */
  public Evaluation(int classes) {
    this.confusion = new int[classes][classes];
  }

  /** Adds one prediction. */
  public void add(float[] probabilities, int label) {
    int predicted = Probabilities.argMax(probabilities);
    confusion[label][predicted]++;
    lossSum += Probabilities.crossEntropy(probabilities, label);
    count++;
    if (predicted == label) {
      correct++;
    }
  }

  /** Images seen. */
  public int count() {
    return count;
  }

  /** Images classified correctly. */
  public int correct() {
    return correct;
  }

  /** Fraction classified correctly. */
  public double accuracy() {
    return count == 0 ? 0 : (double) correct / count;
  }

  /** Mean cross-entropy of the true labels. */
  public double loss() {
    return count == 0 ? 0 : lossSum / count;
  }

  /** {@code [true label][predicted]} counts. */
  public int[][] confusion() {
    return confusion;
  }

  /** Accuracy on the images of one true class (recall), NaN when there are none. */
  public double classAccuracy(int label) {
    int total = 0;
    for (int n : confusion[label]) {
      total += n;
    }
    return total == 0 ? Double.NaN : (double) confusion[label][label] / total;
  }
}
