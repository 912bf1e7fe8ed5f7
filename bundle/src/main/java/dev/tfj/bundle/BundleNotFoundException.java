package dev.tfj.bundle;

/** A path that names no SavedModel; the message says what is missing. */
public class BundleNotFoundException extends RuntimeException {

  public BundleNotFoundException(String message) {
    super(message);
  }
}
