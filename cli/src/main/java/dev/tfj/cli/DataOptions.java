package dev.tfj.cli;

import dev.tfj.trainer.data.Dataset;
import dev.tfj.trainer.data.DatasetFetcher;
import dev.tfj.trainer.data.DatasetLoader;
import dev.tfj.trainer.data.DatasetSpec;
import dev.tfj.trainer.data.FetchResult;
import dev.tfj.trainer.data.Mirrors;
import dev.tfj.trainer.data.MissingDataException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Where a command's dataset comes from: a known dataset cached under {@code data/}, or any directory. */
public final class DataOptions {

  /** The default dataset cache. */
  public static final Path CACHE = Path.of("data");

  @Option(
      names = "--dataset",
      defaultValue = "mnist",
      description = "Known dataset to use and fetch when missing: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
      completionCandidates = KnownDatasets.class)
  String dataset;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description =
          "Directory with the four IDX files under their usual names (gzip or raw), or train.tar and test.tar of"
              + " <id>_<label>.png; used as it is, never downloaded into. Default: data/<dataset>.")
  Path dataDir;

  @Option(
      names = "--mirror",
      paramLabel = "URL",
      description =
          "Download from this mirror (http(s)://, file:// or a directory) instead of the dataset's usual ones;"
              + " repeatable. Also: the TFJ_DATA_MIRROR variable.")
  List<String> mirrors = new ArrayList<>();

  /** The dataset's spec, or a usage error naming the known ones. */
  DatasetSpec spec() {
    return DatasetSpec.byName(dataset)
        .orElseThrow(
            () ->
                UserError.usage(
                    "unknown dataset '" + dataset + "': choose one of "
                        + String.join(", ", DatasetSpec.known().stream().map(DatasetSpec::name).toList())
                        + ", or pass --data-dir"));
  }

  /** The directory the data is read from. */
  Path directory() {
    return dataDir != null ? dataDir : CACHE.resolve(spec().name());
  }

  /** What to tell a person whose data directory lacks a file. */
  static final String HINT = "run `tfj data fetch` or pass --data-dir";

  /** Loads the dataset, first downloading what is missing from the cache (never into a --data-dir). */
  Dataset load(PrintWriter err) {
    try {
      if (dataDir != null) {
        if (!Files.isDirectory(dataDir)) {
          throw UserError.failure("--data-dir " + dataDir + " is not a directory", null);
        }
        return DatasetLoader.load(dataDir);
      }
      fetch(err);
      return DatasetLoader.load(directory(), spec().name());
    } catch (MissingDataException e) {
      throw UserError.failure(e.getMessage() + "; " + HINT, e);
    }
  }

  /** Downloads the missing files of the dataset into its cache directory. */
  FetchResult fetch(PrintWriter err) {
    DatasetSpec spec = spec();
    List<java.net.URI> from = Mirrors.choose(mirrors, System.getenv(Mirrors.ENV), spec);
    Path dir = dataDir != null ? dataDir : CACHE.resolve(spec.name());
    try (ConsoleProgress progress = new ConsoleProgress(err)) {
      return new DatasetFetcher().fetch(spec, dir, from, progress.forDownloads());
    }
  }

  /** Completion candidates for {@code --dataset}. */
  static final class KnownDatasets extends ArrayList<String> {
    KnownDatasets() {
      super(DatasetSpec.known().stream().map(DatasetSpec::name).toList());
    }
  }
}
