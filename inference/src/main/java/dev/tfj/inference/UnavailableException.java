package dev.tfj.inference;

/** The model exists but cannot answer now, e.g. while the server shuts down. Maps to HTTP 503. */
public class UnavailableException extends InferenceException {

  public UnavailableException(String message) {
    super(message, null);
  }
}
