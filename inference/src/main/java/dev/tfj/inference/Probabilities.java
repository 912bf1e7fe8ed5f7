package dev.tfj.inference;

/** Scores to probabilities, and the arithmetic on them that the server, predict and evaluate share. */
public final class Probabilities {

  /** Probabilities below this count as this in the cross-entropy, as Keras clips them. */
  public static final double EPSILON = 1e-7;

  private Probabilities() {}

  /** The row itself when it already is a distribution, else its softmax. */
  public static float[] normalise(float[] row) {
    double sum = 0;
    boolean inRange = true;
    for (float v : row) {
      inRange &= v >= 0 && v <= 1;
      sum += v;
    }
    return inRange && Math.abs(sum - 1) < 1e-3 ? row : softmax(row);
  }

  /** The softmax of a row of logits. */
  public static float[] softmax(float[] row) {
    double max = Double.NEGATIVE_INFINITY;
    for (float v : row) {
      max = Math.max(max, v);
    }
    double[] e = new double[row.length];
    double sum = 0;
    for (int i = 0; i < row.length; i++) {
      e[i] = Math.exp(row[i] - max);
      sum += e[i];
    }
    float[] p = new float[row.length];
    for (int i = 0; i < row.length; i++) {
      p[i] = (float) (e[i] / sum);
    }
    return p;
  }

  /** The index of the largest value (the first on ties). */
  public static int argMax(float[] row) {
    int best = 0;
    for (int i = 1; i < row.length; i++) {
      if (row[i] > row[best]) {
        best = i;
      }
    }
    return best;
  }

  /** {@code -ln p[label]}, with p clipped to [EPSILON, 1 - EPSILON]. */
  public static double crossEntropy(float[] row, int label) {
    return -Math.log(Math.min(1 - EPSILON, Math.max(EPSILON, row[label])));
  }
}
