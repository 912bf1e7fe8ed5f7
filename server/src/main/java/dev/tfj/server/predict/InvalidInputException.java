package dev.tfj.server.predict;

/** The caller's request cannot be run: wrong names, types, shapes or values. Maps to HTTP 400. */
public class InvalidInputException extends RuntimeException {

  public InvalidInputException(String message) {
    super(message);
  }

  public InvalidInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
