package dev.tfj.trainer.data;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where tests find their data: golden files on the test classpath and the shared, read-only MNIST copy. */
final class TestData {

  private TestData() {}

  /** A golden file under {@code src/test/resources/data/}. */
  static Path golden(String name) {
    URL url = TestData.class.getResource("/data/" + name);
    if (url == null) {
      throw new IllegalStateException("missing golden file data/" + name);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The real MNIST directory from the {@code tfj.test.mnist} property; skips the test where it is absent. */
  static Path mnist() {
    String property = System.getProperty("tfj.test.mnist");
    assumeTrue(property != null, "system property tfj.test.mnist is not set");
    Path dir = Path.of(property);
    assumeTrue(Files.isRegularFile(dir.resolve(DatasetSpec.TRAIN_IMAGES)), "no MNIST copy at " + dir);
    return dir;
  }
}
