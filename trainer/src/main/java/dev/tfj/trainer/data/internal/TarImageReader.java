package dev.tfj.trainer.data.internal;

import dev.tfj.trainer.data.DatasetException;
import dev.tfj.trainer.data.ImageSet;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the course-assignment format: a tar (optionally gzipped) of 28x28 grayscale PNGs named {@code <id>_<label>.png},
 * possibly in sub-folders. Images are ordered by id (numerically when ids are numbers) so the result does not depend
 * on the order the archive was written in. Other files, and macOS {@code ._} resource forks, are skipped.
 */
public final class TarImageReader {

  /** The side every image must have. */
  public static final int SIDE = 28;

  private static final Logger LOG = LoggerFactory.getLogger(TarImageReader.class);

  private TarImageReader() {}

  /** One image; {@code number} is the id as a number, or -1 when the id is not all digits. */
  private record Entry(String id, long number, String path, int label, byte[] pixels) {

    /** Numeric ids first, in numeric order, then the others in string order; ties by path. */
    static final Comparator<Entry> ORDER = Comparator.comparing((Entry e) -> e.number() < 0)
        .thenComparingLong(Entry::number)
        .thenComparing(Entry::id)
        .thenComparing(Entry::path);
  }

  /** Reads all images of a tar file into one image set. */
  public static ImageSet read(Path tarFile) {
    String archive = tarFile.toString();
    List<Entry> entries = new ArrayList<>();
    int[] skipped = {0};
    try (InputStream in = Inputs.open(tarFile); GrayPngDecoder decoder = new GrayPngDecoder()) {
      TarReader.read(in, archive, (path, content) -> {
        String base = path.substring(path.lastIndexOf('/') + 1);
        if (base.startsWith("._") || !base.toLowerCase(Locale.ROOT).endsWith(".png")) {
          skipped[0]++;
          LOG.debug("{}: skipping {}, not an <id>_<label>.png image", archive, path);
          return;
        }
        entries.add(entry(archive, path, base, content, decoder));
      });
    } catch (NoSuchFileException e) {
      throw new DatasetException(archive + ": no such file", e);
    } catch (IOException e) {
      throw new DatasetException(archive + ": cannot read: " + e, e);
    }
    if (entries.isEmpty()) {
      throw new DatasetException(archive + ": no <id>_<label>.png images found");
    }
    if (skipped[0] > 0) {
      LOG.info("{}: skipped {} entries that are not <id>_<label>.png images", archive, skipped[0]);
    }
    entries.sort(Entry.ORDER);
    byte[] pixels = new byte[entries.size() * SIDE * SIDE];
    byte[] labels = new byte[entries.size()];
    for (int i = 0; i < entries.size(); i++) {
      System.arraycopy(entries.get(i).pixels(), 0, pixels, i * SIDE * SIDE, SIDE * SIDE);
      labels[i] = (byte) entries.get(i).label();
    }
    return new ImageSet(entries.size(), SIDE, SIDE, pixels, labels);
  }

  private static Entry entry(String archive, String path, String base, byte[] png, GrayPngDecoder decoder) {
    String stem = base.substring(0, base.length() - ".png".length());
    int underscore = stem.lastIndexOf('_');
    if (underscore <= 0) {
      throw new DatasetException(archive + ": entry " + path + ": name is not <id>_<label>.png");
    }
    String label = stem.substring(underscore + 1);
    if (!label.matches("[0-9]")) {
      throw new DatasetException(archive + ": entry " + path + ": label '" + label + "' is not a digit 0..9");
    }
    GrayPngDecoder.Gray gray;
    try {
      gray = decoder.decode(png);
    } catch (IOException e) {
      throw new DatasetException(archive + ": entry " + path + ": not a readable PNG: " + e.getMessage(), e);
    }
    if (gray.width() != SIDE || gray.height() != SIDE) {
      throw new DatasetException(archive + ": entry " + path + ": image is " + gray.width() + "x" + gray.height()
          + ", expected " + SIDE + "x" + SIDE);
    }
    String id = stem.substring(0, underscore);
    long number = id.matches("[0-9]{1,18}") ? Long.parseLong(id) : -1;
    return new Entry(id, number, path, label.charAt(0) - '0', gray.pixels());
  }
}
