package dev.tfj.spark;

import java.nio.file.Path;

/** The real MNIST files the tests score (the poms point {@code tfj.test.mnist} at ../shared/data/mnist). */
final class Mnist {

  static final Path DIR = Path.of(System.getProperty("tfj.test.mnist"));
  /** The 10,000 test images, gzipped IDX. */
  static final String IMAGES = DIR.resolve("t10k-images-idx3-ubyte.gz").toString();
  /** Their labels, gzipped IDX. */
  static final String LABELS = DIR.resolve("t10k-labels-idx1-ubyte.gz").toString();

  private Mnist() {}
}
