package dev.tfj.inference;

import java.util.Arrays;

/**
 * How a model did on a labelled image set: its prediction for every image next to the true label, and the
 * mean cross-entropy of the true labels (NaN where no probabilities were seen). The one value behind the
 * trainer's test metrics, {@code metrics.json}'s confusion matrix, {@code evaluate}, {@code predict --labels}
 * and the report.
 */
public record Evaluation(int classes, int[] labels, int[] predictions, double loss) {

  public Evaluation {
    if (labels.length != predictions.length) {
      throw new IllegalArgumentException(predictions.length + " predictions for " + labels.length + " labels");
    }
  }

  /** Classifications of labelled images; the loss is their mean cross-entropy. */
  public static Evaluation of(int classes, int[] labels, Classifications classified) {
    Builder builder = builder(classes);
    for (int i = 0; i < labels.length; i++) {
      builder.add(labels[i], classified.classes()[i], classified.probabilities()[i]);
    }
    return builder.build();
  }

  /** An empty builder that collects one prediction at a time. */
  public static Builder builder(int classes) {
    return new Builder(classes);
  }

  /** Images seen. */
  public int count() {
    return labels.length;
  }

  /** Images classified correctly. */
  public int correct() {
    int correct = 0;
    for (int i = 0; i < labels.length; i++) {
      correct += labels[i] == predictions[i] ? 1 : 0;
    }
    return correct;
  }

  /** Fraction classified correctly, 0 for no images. */
  public double accuracy() {
    return labels.length == 0 ? 0 : (double) correct() / labels.length;
  }

  /** Counts of (true class, predicted class) pairs: {@code [truth][prediction]}. */
  public int[][] confusion() {
    int[][] matrix = new int[classes][classes];
    for (int i = 0; i < labels.length; i++) {
      matrix[labels[i]][predictions[i]]++;
    }
    return matrix;
  }

  /** Accuracy on the images of one true class (its recall), NaN when there are none. */
  public double classAccuracy(int label) {
    int total = 0;
    int right = 0;
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] == label) {
        total++;
        right += predictions[i] == label ? 1 : 0;
      }
    }
    return total == 0 ? Double.NaN : (double) right / total;
  }

  /** Whether image {@code i} was classified wrong. */
  public boolean wrong(int i) {
    return predictions[i] != labels[i];
  }

  /** The indices of the images classified wrong, ascending. */
  public int[] misclassified() {
    return java.util.stream.IntStream.range(0, labels.length).filter(this::wrong).toArray();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Evaluation e
        && classes == e.classes
        && Arrays.equals(labels, e.labels)
        && Arrays.equals(predictions, e.predictions)
        && Double.compare(loss, e.loss) == 0;
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(labels) + Arrays.hashCode(predictions);
  }

  @Override
  public String toString() {
    return "Evaluation[" + correct() + "/" + count() + " correct, loss " + loss + "]";
  }

  /** Collects predictions one at a time, for front ends that classify in pieces. */
  public static final class Builder {
    private final int classes;
    private int[] labels = new int[64];
    private int[] predictions = new int[64];
    private int count;
    private double lossSum;
    private int lossCount;

    private Builder(int classes) {
      this.classes = classes;
    }

    /** Adds one image's label and predicted class, with its probabilities (null if there are none). */
    public Builder add(int label, int predicted, float[] probabilities) {
      if (label < 0 || label >= classes) {
        throw new IllegalArgumentException("label " + label + " is outside 0.." + (classes - 1));
      }
      if (count == labels.length) {
        labels = Arrays.copyOf(labels, count * 2);
        predictions = Arrays.copyOf(predictions, count * 2);
      }
      labels[count] = label;
      predictions[count] = predicted;
      count++;
      if (probabilities != null) {
        lossSum += Probabilities.crossEntropy(probabilities, label);
        lossCount++;
      }
      return this;
    }

    /** The evaluation of everything added. */
    public Evaluation build() {
      return new Evaluation(classes, Arrays.copyOf(labels, count), Arrays.copyOf(predictions, count),
          lossCount == 0 ? Double.NaN : lossSum / lossCount);
    }
  }
}
