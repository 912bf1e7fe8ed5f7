package dev.tfj.cli;

import org.tensorflow.TensorFlow;
import picocli.CommandLine.IVersionProvider;

/** Prints tfj's version and the TensorFlow runtime's. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String tfj = Tfj.class.getPackage().getImplementationVersion();
    return new String[] {
      "tfj " + (tfj == null ? "dev" : tfj), "TensorFlow " + TensorFlow.version() + " (TensorFlow Java 1.1.0)"
    };
  }
}
