package dev.tfj.trainer.data;

import java.nio.file.Path;

/** A data directory that is absent or lacks a file the loader needs; the message names the file. */
public final class MissingDataException extends DatasetException {

  private static final long serialVersionUID = 1L;

  private final transient Path directory;

  /** {@code directory} is missing, or lacks what {@code message} says. */
  public MissingDataException(Path directory, String message) {
    super(message);
    this.directory = directory;
  }

  /** The directory the data was looked for in. */
  public Path directory() {
    return directory;
  }
}
