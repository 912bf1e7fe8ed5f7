package dev.tfj.cli;

import dev.tfj.bundle.OneDnn;

/** The {@code tfj} entry point. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    OneDnn.enableUnlessSet(); // before any command touches TensorFlow
    System.exit(Tfj.run(args));
  }
}
