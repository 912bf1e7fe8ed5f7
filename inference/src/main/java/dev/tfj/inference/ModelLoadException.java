package dev.tfj.inference;

import java.nio.file.Path;

/** TensorFlow could not load a SavedModel; the message is TensorFlow's first line. */
public class ModelLoadException extends InferenceException {

  private final Path dir;

  public ModelLoadException(Path dir, String message, Throwable cause) {
    super("cannot load the SavedModel in " + dir + ": " + message, cause);
    this.dir = dir;
  }

  /** The directory that failed to load. */
  public Path dir() {
    return dir;
  }
}
