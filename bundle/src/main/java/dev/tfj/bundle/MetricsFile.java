package dev.tfj.bundle;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Reads and writes {@code metrics.json}. */
public final class MetricsFile {

  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private MetricsFile() {}

  /** Writes the metrics into {@code dir/metrics.json} through a temporary file, so no reader sees half of it. */
  public static void write(Path dir, TrainingMetrics metrics) throws IOException {
    Path target = dir.resolve(BundleFiles.METRICS);
    Path tmp = TempFiles.createFile(dir, ".metrics-", ".tmp");
    try {
      MAPPER.writeValue(tmp.toFile(), metrics);
      TempFiles.replace(tmp, target);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Reads {@code dir/metrics.json}, if the directory has one. */
  public static Optional<TrainingMetrics> read(Path dir) throws IOException {
    Path file = dir.resolve(BundleFiles.METRICS);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    return Optional.of(MAPPER.readValue(file.toFile(), TrainingMetrics.class));
  }

  /** The mapper used for metrics, for callers that embed them in other JSON. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }
}
