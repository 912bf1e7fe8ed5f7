package dev.tfj.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --model-dir}: the TF Serving model base path a command serves from. */
public final class ModelDirOption {

  /** Where {@code tfj train} exports to and {@code tfj serve} serves from by default. */
  public static final String DEFAULT = "saved-models";

  @Option(names = "--model-dir", defaultValue = DEFAULT, paramLabel = "DIR",
      description = "Model base path (default: ${DEFAULT-VALUE}).")
  Path modelDir;

  /** The directory. */
  Path path() {
    return modelDir;
  }
}
