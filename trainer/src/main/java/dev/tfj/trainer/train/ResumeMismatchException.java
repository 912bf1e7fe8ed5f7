package dev.tfj.trainer.train;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A checkpoint that cannot be resumed with the requested run: it was made with other settings (listed, with the
 * recorded and requested values) or on other data (an empty list of settings).
 */
public final class ResumeMismatchException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  /** One setting whose recorded value differs from the requested one. */
  public record Difference(TrainingSetting setting, Object recorded, Object requested) {}

  private final Path checkpointDir;
  private final transient List<Difference> differences;

  private ResumeMismatchException(Path checkpointDir, List<Difference> differences, String message) {
    super(message);
    this.checkpointDir = checkpointDir;
    this.differences = List.copyOf(differences);
  }

  /** The checkpoint in {@code dir} was made with {@code recorded}, which differs from {@code requested}. */
  public static ResumeMismatchException settings(Path dir, TrainingConfig recorded, TrainingConfig requested) {
    List<Difference> differ =
        TrainingSetting.differing(recorded, requested).stream()
            .map(s -> new Difference(s, s.valueIn(recorded), s.valueIn(requested)))
            .toList();
    String list =
        differ.stream()
            .map(d -> d.setting().label() + " " + d.recorded() + " (now " + d.requested() + ")")
            .collect(Collectors.joining(", "));
    return new ResumeMismatchException(
        dir, differ, "the checkpoint in " + dir + " was made with other settings: " + list);
  }

  /** The checkpoint in {@code dir} was trained on a dataset with another checksum. */
  public static ResumeMismatchException data(Path dir) {
    return new ResumeMismatchException(dir, List.of(), "the checkpoint in " + dir + " was trained on other data");
  }

  /** The checkpoint directory. */
  public Path checkpointDir() {
    return checkpointDir;
  }

  /** The settings that differ; empty when the data differs. */
  public List<Difference> differences() {
    return differences;
  }

  /** Whether the data, not a setting, differs. */
  public boolean dataDiffers() {
    return differences.isEmpty();
  }
}
