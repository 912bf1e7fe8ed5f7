package dev.tfj.trainer.data;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A downloadable IDX data set: its name, its four gzip file names (train images, train labels, test images, test
 * labels), the public mirrors that serve them (directories, tried in order), and the SHA-256 of each file where known.
 */
public record DatasetSpec(String name, List<String> files, List<URI> mirrors, Map<String, String> sha256) {

  /** Training images, gzip-compressed IDX3. */
  public static final String TRAIN_IMAGES = "train-images-idx3-ubyte.gz";

  /** Training labels, gzip-compressed IDX1. */
  public static final String TRAIN_LABELS = "train-labels-idx1-ubyte.gz";

  /** Test images, gzip-compressed IDX3. */
  public static final String TEST_IMAGES = "t10k-images-idx3-ubyte.gz";

  /** Test labels, gzip-compressed IDX1. */
  public static final String TEST_LABELS = "t10k-labels-idx1-ubyte.gz";

  /** The four IDX files every known data set ships, in that order. */
  public static final List<String> IDX_FILES = List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);

  /** MNIST handwritten digits; the sums are those of the original distribution files. */
  public static final DatasetSpec MNIST = new DatasetSpec(
      "mnist",
      IDX_FILES,
      List.of(
          URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/"),
          URI.create("https://storage.googleapis.com/cvdf-datasets/mnist/"),
          URI.create("http://yann.lecun.com/exdb/mnist/")),
      Map.of(
          TRAIN_IMAGES, "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
          TRAIN_LABELS, "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
          TEST_IMAGES, "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
          TEST_LABELS, "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6"));

  /**
   * Zalando's Fashion-MNIST. The sums were not computed here (the files are not available to this project's build);
   * they are the ones TensorFlow Datasets ({@code url_checksums/fashion_mnist.txt}) and Keras
   * ({@code datasets/fashion_mnist.py}) both verify downloads against, which agree with each other and whose MNIST
   * sums match the authoritative ones above.
   */
  public static final DatasetSpec FASHION_MNIST = new DatasetSpec(
      "fashion-mnist",
      IDX_FILES,
      List.of(
          URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"),
          URI.create("https://storage.googleapis.com/tensorflow/tf-keras-datasets/"),
          URI.create("https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/")),
      Map.of(
          TRAIN_IMAGES, "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84",
          TRAIN_LABELS, "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845",
          TEST_IMAGES, "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073",
          TEST_LABELS, "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5"));

  /** Copies the collections and checks that every checksum belongs to a listed file. */
  public DatasetSpec {
    files = List.copyOf(files);
    mirrors = List.copyOf(mirrors);
    sha256 = Map.copyOf(sha256);
    if (!files.containsAll(sha256.keySet())) {
      throw new IllegalArgumentException(name + ": checksums for files not in the list: " + sha256.keySet());
    }
  }

  /** The data sets this build knows how to fetch. */
  public static List<DatasetSpec> known() {
    return List.of(MNIST, FASHION_MNIST);
  }

  /** The known data set with this name, ignoring case. */
  public static Optional<DatasetSpec> byName(String name) {
    return known().stream().filter(spec -> spec.name().equalsIgnoreCase(name)).findFirst();
  }

  /** The SHA-256 a file of this data set must have, when known. */
  public Optional<String> expectedSha256(String file) {
    return Optional.ofNullable(sha256.get(file));
  }
}
