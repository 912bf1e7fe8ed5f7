package dev.tfj.spark;

import java.net.URI;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * The local disk under a scheme of its own, {@code alias:/path}: a Hadoop filesystem that is not {@code file:}, so
 * a bundle there takes the path a cluster's {@code hdfs://} or {@code s3a://} bundle takes (copied to each JVM).
 */
public final class AliasFileSystem extends RawLocalFileSystem {

  static final String SCHEME = "alias";

  @Override
  public URI getUri() {
    return URI.create(SCHEME + ":///");
  }

  @Override
  public String getScheme() {
    return SCHEME;
  }
}
