package dev.tfj.spark.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.Function;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Small reads through Hadoop's filesystems, so a path can be local or any URI a cluster reads. */
public final class HadoopFiles {

  private HadoopFiles() {}

  /** Reads the file at {@code location} with {@code reader}. */
  public static <T> T read(Configuration conf, String location, Function<InputStream, T> reader) {
    Path path = new Path(location);
    try (InputStream in = path.getFileSystem(conf).open(path)) {
      return reader.apply(in);
    } catch (java.io.FileNotFoundException e) {
      throw new IllegalArgumentException(location + " does not exist", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + location + ": " + e.getMessage(), e);
    }
  }

  /** The fully qualified form of {@code location}, as Spark reports file paths ({@code file:/abs/dir}). */
  public static String qualified(Configuration conf, String location) {
    Path path = new Path(location);
    try {
      FileSystem fs = path.getFileSystem(conf);
      return fs.makeQualified(path).toString();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reach " + location + ": " + e.getMessage(), e);
    }
  }

  /** Whether something exists at {@code location}. */
  public static boolean exists(Configuration conf, String location) {
    Path path = new Path(location);
    try {
      return path.getFileSystem(conf).exists(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reach " + location + ": " + e.getMessage(), e);
    }
  }
}
