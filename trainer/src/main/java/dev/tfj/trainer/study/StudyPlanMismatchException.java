package dev.tfj.trainer.study;

import java.nio.file.Path;
import java.util.List;

/** A study directory already holds a study with another plan or other data; nothing was trained. */
public final class StudyPlanMismatchException extends RuntimeException {

  private final Path dir;
  private final List<String> differences;

  StudyPlanMismatchException(Path dir, List<String> differences) {
    super(dir + " holds another study (" + String.join("; ", differences) + ")");
    this.dir = dir;
    this.differences = List.copyOf(differences);
  }

  /** The study directory. */
  public Path dir() {
    return dir;
  }

  /** What differs, each as {@code what: <in the directory> there, <asked for> now}. */
  public List<String> differences() {
    return differences;
  }
}
