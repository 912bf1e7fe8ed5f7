package dev.tfj.trainer.data;

/** A data set that cannot be read, found or fetched; the message is one line naming the file and the problem. */
public class DatasetException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** An error with a one-line message. */
  public DatasetException(String message) {
    super(oneLine(message));
  }

  /** An error with a one-line message and the exception that caused it. */
  public DatasetException(String message, Throwable cause) {
    super(oneLine(message), cause);
  }

  /** Folds any line breaks so the message always prints as a single line. */
  static String oneLine(String message) {
    return message == null ? "" : message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
  }
}
