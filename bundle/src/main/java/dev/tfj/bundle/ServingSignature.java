package dev.tfj.bundle;

/**
 * Names every tfj bundle's graph is exported under; trainer and server both read them from here.
 */
public final class ServingSignature {

  /** The meta-graph tag TF Serving loads. */
  public static final String TAG = "serve";

  /** The signature key clients call when they name none. */
  public static final String KEY = "serving_default";

  /** The method name TF Serving's Predict API expects. */
  public static final String METHOD = "tensorflow/serving/predict";

  /** Input: DT_FLOAT {@code [-1,28,28,1]}, pixel intensities in [0,1]. */
  public static final String INPUT_IMAGES = "images";

  /** Output: DT_FLOAT {@code [-1,10]}, softmax probabilities. */
  public static final String OUTPUT_PROBABILITIES = "probabilities";

  /** Output: DT_INT64 {@code [-1]}, the most probable class. */
  public static final String OUTPUT_CLASSES = "classes";

  /** Height and width of the images every bundle takes. */
  public static final int IMAGE_SIZE = 28;

  /** Number of classes every bundle predicts. */
  public static final int NUM_CLASSES = 10;

  private ServingSignature() {}
}
