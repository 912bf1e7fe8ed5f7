package dev.tfj.cli;

/** The {@code tfj} entry point. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    System.exit(Tfj.run(args));
  }
}
