package dev.tfj.server.registry;

/** No such model, or no such version serving. Maps to HTTP 404. */
public class ModelNotFoundException extends RuntimeException {

  public ModelNotFoundException(String message) {
    super(message);
  }
}
