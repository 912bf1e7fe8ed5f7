package dev.tfj.inference.image;

import dev.tfj.inference.InvalidInputException;

/** The uploaded bytes are not an image that can be turned into a digit. */
public class InvalidImageException extends InvalidInputException {

  public InvalidImageException(String message) {
    super(message);
  }

  public InvalidImageException(String message, Throwable cause) {
    super(message, cause);
  }
}
