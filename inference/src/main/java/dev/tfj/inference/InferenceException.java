package dev.tfj.inference;

/**
 * Why a model could not answer: the base of the inference library's typed errors, which each front end
 * (HTTP status, gRPC status, CLI exit code) only rewords.
 */
public abstract class InferenceException extends RuntimeException {

  protected InferenceException(String message, Throwable cause) {
    super(message, cause);
  }
}
