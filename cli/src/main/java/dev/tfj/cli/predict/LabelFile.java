package dev.tfj.cli.predict;

import dev.tfj.cli.UserError;
import dev.tfj.trainer.data.IdxReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * True labels for {@code tfj predict --labels}: an IDX labels file (one label per input image, in order), or a
 * CSV of {@code file,label} lines matched on the input's path as given or its file name (a header line is
 * skipped; an IDX image is named {@code file#index}).
 */
public final class LabelFile {

  private final byte[] ordered;
  private final Map<String, Integer> byName;

  private LabelFile(byte[] ordered, Map<String, Integer> byName) {
    this.ordered = ordered;
    this.byName = byName;
  }

  /** Reads an IDX labels file or a CSV. */
  public static LabelFile read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw UserError.failure("--labels " + file + " does not exist", null);
    }
    if (InputCollector.isIdxLabels(file)) {
      return new LabelFile(IdxReader.readLabels(file), null);
    }
    Map<String, Integer> labels = new HashMap<>();
    try {
      List<String> lines = Files.readAllLines(file);
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i).strip();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        int comma = line.lastIndexOf(',');
        String label = comma < 0 ? "" : line.substring(comma + 1).strip();
        if (!label.matches("[0-9]")) {
          if (i == 0) {
            continue; // a header
          }
          throw UserError.failure("--labels " + file + " line " + (i + 1) + ": expected file,label with a label 0-9", null);
        }
        labels.put(line.substring(0, comma).strip(), Integer.parseInt(label));
      }
    } catch (IOException e) {
      throw UserError.failure("cannot read --labels " + file + ": " + e.getMessage(), e);
    }
    return new LabelFile(null, labels);
  }

  /** Checks an ordered label file covers exactly the inputs. */
  public void requireCount(int inputs) {
    if (ordered != null && ordered.length != inputs) {
      throw UserError.failure("--labels holds " + ordered.length + " labels for " + inputs + " input images", null);
    }
  }

  /** The label of the {@code index}-th input, or -1 when the CSV does not list it. */
  public int label(int index, InputImage image) {
    if (ordered != null) {
      return ordered[index] & 0xFF;
    }
    Integer label = byName.get(image.name());
    if (label == null) {
      label = byName.get(image.fileName());
    }
    return label == null ? -1 : label;
  }
}
