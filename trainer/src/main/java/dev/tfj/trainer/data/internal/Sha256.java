package dev.tfj.trainer.data.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/** SHA-256 helpers producing lower-case hex. */
public final class Sha256 {

  private Sha256() {}

  /** A fresh SHA-256 digest (every JDK has one). */
  public static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /** Lower-case hex of a finished digest. */
  public static String hex(MessageDigest digest) {
    return HexFormat.of().formatHex(digest.digest());
  }

  /** The SHA-256 of the file's bytes as stored (not decompressed). */
  public static String ofFile(Path file) throws IOException {
    MessageDigest digest = digest();
    byte[] buffer = new byte[Inputs.BUFFER_SIZE];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    return hex(digest);
  }

  /** The SHA-256 over the per-file hex sums concatenated in the map's iteration order (sort it first). */
  public static String ofSums(Map<String, String> sumsByFileName) {
    MessageDigest digest = digest();
    sumsByFileName.values().forEach(sum -> digest.update(sum.getBytes(StandardCharsets.US_ASCII)));
    return hex(digest);
  }
}
