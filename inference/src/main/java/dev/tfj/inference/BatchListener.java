package dev.tfj.inference;

/** Told about every session run a predictor makes, merged or not. */
@FunctionalInterface
public interface BatchListener {

  /** One session run of {@code rows} rows that answered {@code requests} requests. */
  void onRun(String model, long version, String signature, int requests, long rows);

  /** A listener that ignores everything. */
  static BatchListener none() {
    return (model, version, signature, requests, rows) -> {};
  }
}
