package dev.tfj.trainer.data;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.imageio.ImageIO;

/** Builds small ustar archives and PNGs in memory, for the cases the golden archives do not cover. */
final class TarFixtures {

  private TarFixtures() {}

  /** A ustar archive holding the given files (path to content), in map order, with the two closing zero blocks. */
  static byte[] tar(Map<String, byte[]> files) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    files.forEach((path, content) -> {
      out.writeBytes(header(path, content.length, '0'));
      out.writeBytes(content);
      out.writeBytes(new byte[(512 - content.length % 512) % 512]);
    });
    out.writeBytes(new byte[1024]);
    return out.toByteArray();
  }

  /** One ustar header block with a correct checksum. */
  static byte[] header(String path, long size, char type) {
    byte[] header = new byte[512];
    put(header, 0, path);
    put(header, 100, "0000644");
    put(header, 108, "0000000");
    put(header, 116, "0000000");
    put(header, 124, String.format("%011o", size));
    put(header, 136, String.format("%011o", 0));
    header[156] = (byte) type;
    put(header, 257, "ustar");
    put(header, 263, "00");
    for (int i = 148; i < 156; i++) {
      header[i] = ' ';
    }
    int sum = 0;
    for (byte b : header) {
      sum += b & 0xFF;
    }
    put(header, 148, String.format("%06o", sum));
    header[154] = 0;
    return header;
  }

  /** A PNG of the given size and type whose every pixel is {@code rgb}. */
  static byte[] png(int width, int height, int imageType, int rgb) {
    BufferedImage image = new BufferedImage(width, height, imageType);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, rgb);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void put(byte[] header, int offset, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(bytes, 0, header, offset, bytes.length);
  }
}
