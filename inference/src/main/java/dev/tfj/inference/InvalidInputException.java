package dev.tfj.inference;

/** The caller's request cannot be run: wrong names, types, shapes or values. Maps to HTTP 400. */
public class InvalidInputException extends InferenceException {

  public InvalidInputException(String message) {
    super(message, null);
  }

  public InvalidInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
