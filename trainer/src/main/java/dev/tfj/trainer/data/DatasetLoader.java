package dev.tfj.trainer.data;

import dev.tfj.bundle.DatasetInfo;
import dev.tfj.trainer.data.internal.Sha256;
import dev.tfj.trainer.data.internal.TarImageReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a data set directory in either of two layouts: the four MNIST-style IDX files (gzip or raw, named
 * {@code train-images-idx3-ubyte[.gz]} or {@code train-images.idx3-ubyte[.gz]} and so on), or the course-assignment
 * layout of {@code train.tar} and {@code test.tar} holding 28x28 {@code <id>_<label>.png} images.
 */
public final class DatasetLoader {

  /** The course layout's training archive. */
  public static final String TRAIN_TAR = "train.tar";

  /** The course layout's test archive. */
  public static final String TEST_TAR = "test.tar";

  private static final Logger LOG = LoggerFactory.getLogger(DatasetLoader.class);

  private DatasetLoader() {}

  /** Loads {@code dir}, naming it after the known data set whose checksums it matches, else after the directory. */
  public static Dataset load(Path dir) {
    return load(dir, null);
  }

  /** Loads {@code dir} under the given name ({@code null}: infer it as {@link #load(Path)} does). */
  public static Dataset load(Path dir, String name) {
    if (!Files.isDirectory(dir)) {
      throw new MissingDataException(
          dir, "data directory " + dir + (Files.exists(dir) ? " is not a directory" : " does not exist"));
    }
    long started = System.nanoTime();
    Dataset dataset = Files.exists(dir.resolve(TRAIN_TAR)) || Files.exists(dir.resolve(TEST_TAR))
        ? loadTars(dir, name)
        : loadIdx(dir, name);
    LOG.info("loaded {} from {}: {} training and {} test images of {}x{} in {} ms", dataset.name(), dir,
        dataset.train().count(), dataset.test().count(), dataset.train().rows(), dataset.train().cols(),
        (System.nanoTime() - started) / 1_000_000);
    return dataset;
  }

  private static Dataset loadIdx(Path dir, String name) {
    Path trainImages = find(dir, DatasetSpec.TRAIN_IMAGES);
    Path trainLabels = find(dir, DatasetSpec.TRAIN_LABELS);
    Path testImages = find(dir, DatasetSpec.TEST_IMAGES);
    Path testLabels = find(dir, DatasetSpec.TEST_LABELS);
    ImageSet train = IdxReader.read(trainImages, trainLabels);
    ImageSet test = IdxReader.read(testImages, testLabels);
    checkSameShape(trainImages, train, testImages, test);
    return assemble(dir, name, train, test, List.of(trainImages, trainLabels, testImages, testLabels));
  }

  private static Dataset loadTars(Path dir, String name) {
    Path trainTar = require(dir, TRAIN_TAR);
    Path testTar = require(dir, TEST_TAR);
    ImageSet train = TarImageReader.read(trainTar);
    ImageSet test = TarImageReader.read(testTar);
    return assemble(dir, name, train, test, List.of(trainTar, testTar));
  }

  /** The first present spelling of an IDX file: gzip then raw, dashes then the common dotted variant. */
  private static Path find(Path dir, String gzName) {
    String raw = gzName.substring(0, gzName.length() - ".gz".length());
    String dotted = raw.replace("-idx", ".idx");
    for (String candidate : List.of(gzName, raw, dotted + ".gz", dotted)) {
      Path file = dir.resolve(candidate);
      if (Files.isRegularFile(file)) {
        LOG.debug("using {}", file);
        return file;
      }
    }
    throw new MissingDataException(dir, "missing " + gzName + " (or " + raw + ") in " + dir
        + " (expected the four IDX files, or " + TRAIN_TAR + " and " + TEST_TAR + ")");
  }

  private static Path require(Path dir, String fileName) {
    Path file = dir.resolve(fileName);
    if (!Files.isRegularFile(file)) {
      throw new MissingDataException(dir, "missing " + fileName + " in " + dir + " (the tar layout needs both "
          + TRAIN_TAR + " and " + TEST_TAR + ")");
    }
    return file;
  }

  private static void checkSameShape(Path trainFile, ImageSet train, Path testFile, ImageSet test) {
    if (train.rows() != test.rows() || train.cols() != test.cols()) {
      throw new DatasetException(trainFile + " holds " + train.rows() + "x" + train.cols() + " images but "
          + testFile + " holds " + test.rows() + "x" + test.cols() + " images; they must match");
    }
  }

  private static Dataset assemble(Path dir, String name, ImageSet train, ImageSet test, List<Path> files) {
    SortedMap<String, String> sums = new TreeMap<>();
    for (Path file : files) {
      try {
        sums.put(file.getFileName().toString(), Sha256.ofFile(file));
      } catch (IOException e) {
        throw new DatasetException(file + ": cannot read: " + e, e);
      }
    }
    String resolved = name != null ? name : knownName(sums).orElseGet(() -> directoryName(dir));
    DatasetInfo info = new DatasetInfo(resolved, train.count(), test.count(), Sha256.ofSums(sums),
        Collections.unmodifiableSortedMap(sums));
    return new Dataset(resolved, train, test, info);
  }

  private static Optional<String> knownName(Map<String, String> sums) {
    return DatasetSpec.known().stream()
        .filter(spec -> !spec.sha256().isEmpty() && spec.sha256().equals(sums))
        .map(DatasetSpec::name)
        .findFirst();
  }

  private static String directoryName(Path dir) {
    Path fileName = dir.toAbsolutePath().normalize().getFileName();
    return fileName == null ? "data" : fileName.toString();
  }
}
