package dev.tfj.bundle;

/** File names inside a bundle's version directory. */
public final class BundleFiles {

  /** The SavedModel graph. */
  public static final String SAVED_MODEL = "saved_model.pb";

  /** The SavedModel's variables directory. */
  public static final String VARIABLES = "variables";

  /** Training metrics written beside the SavedModel. */
  public static final String METRICS = "metrics.json";

  /** Training curves plotted beside the SavedModel. */
  public static final String CURVES = "curves.png";

  private BundleFiles() {}
}
