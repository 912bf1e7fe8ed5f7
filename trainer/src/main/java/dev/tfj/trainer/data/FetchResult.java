package dev.tfj.trainer.data;

import java.nio.file.Path;
import java.util.List;

/** What a fetch did: the directory, the files it downloaded and the files that were already there and verified. */
public record FetchResult(Path directory, List<String> downloaded, List<String> alreadyPresent) {

  /** Copies the lists. */
  public FetchResult {
    downloaded = List.copyOf(downloaded);
    alreadyPresent = List.copyOf(alreadyPresent);
  }
}
