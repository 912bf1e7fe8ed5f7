package dev.tfj.server.config;

import dev.tfj.inference.InvalidInputException;

/** A model config that cannot be parsed or names something the server cannot serve; the message says what. */
public final class InvalidModelConfigException extends InvalidInputException {

  public InvalidModelConfigException(String message) {
    super(message);
  }

  public InvalidModelConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
