package dev.tfj.spark;

import dev.tfj.bundle.ModelLayout;
import dev.tfj.bundle.SavedModelRef;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.SparkFiles;

/**
 * Where every executor finds the bundle: a path on a filesystem they all see (a local path, {@code file:}, or
 * any Hadoop filesystem URI such as {@code hdfs://} or {@code s3a://}), or a directory shipped with the job
 * ({@code SparkContext.addFile(dir, true)}, found through {@link SparkFiles}). Either a version directory or a
 * model directory (its latest version), as {@link ModelLayout#resolve} reads them.
 */
public record BundleSource(String location, boolean shipped) implements Serializable {

  /** The name of a copied bundle inside its temporary directory. */
  private static final String BUNDLE = "bundle";

  /** A local path or a Hadoop filesystem URI that every executor can read. */
  public static BundleSource at(String location) {
    return new BundleSource(location, false);
  }

  /** A local path every executor sees at the same place (a shared mount, or local mode). */
  public static BundleSource at(Path path) {
    return new BundleSource(path.toAbsolutePath().normalize().toString(), false);
  }

  /** A directory shipped with {@code sparkContext.addFile(dir, true)}, named by its file name. */
  public static BundleSource shipped(String name) {
    return new BundleSource(name, true);
  }

  /** Whether the location is on this machine's filesystem, so it needs no copy. */
  public boolean local() {
    if (shipped) {
      return true;
    }
    String scheme = new org.apache.hadoop.fs.Path(location).toUri().getScheme();
    return scheme == null || scheme.equals("file");
  }

  /**
   * The SavedModel this source names, on this machine: a local path as it is, a shipped directory where
   * {@link SparkFiles} put it, anything else copied from its filesystem into a temporary directory first
   * ({@link Local#copy}, for the caller to delete when done).
   *
   * @throws dev.tfj.bundle.BundleNotFoundException when it holds no SavedModel
   */
  public Local fetch(Configuration hadoop) {
    if (shipped) {
      return new Local(ModelLayout.resolve(Path.of(SparkFiles.get(location))), null);
    }
    if (local()) {
      Path path = Path.of(new org.apache.hadoop.fs.Path(location).toUri().getPath());
      return new Local(ModelLayout.resolve(path), null);
    }
    Path copy = copyToLocal(hadoop);
    try {
      return new Local(ModelLayout.resolve(copy.resolve(BUNDLE)), copy);
    } catch (RuntimeException e) {
      new Local(null, copy).deleteCopy();
      throw e;
    }
  }

  private Path copyToLocal(Configuration hadoop) {
    try {
      org.apache.hadoop.fs.Path remote = new org.apache.hadoop.fs.Path(location);
      FileSystem fs = remote.getFileSystem(hadoop);
      Path local = Files.createTempDirectory("tfj-bundle-");
      fs.copyToLocalFile(false, remote, new org.apache.hadoop.fs.Path(local.resolve(BUNDLE).toUri()), true);
      return local;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy the bundle " + location + " to this machine: " + e.getMessage(), e);
    }
  }

  /** A bundle on this machine; {@code copy} is the temporary directory it was copied into, or null. */
  public record Local(SavedModelRef ref, Path copy) {

    /** Deletes the temporary copy, if there is one. */
    public void deleteCopy() {
      if (copy != null) {
        try {
          ModelLayout.deleteTree(copy);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot delete " + copy + ": " + e.getMessage(), e);
        }
      }
    }
  }

  @Override
  public String toString() {
    return shipped ? "shipped:" + location : location;
  }
}
