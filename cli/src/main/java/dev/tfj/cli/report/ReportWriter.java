package dev.tfj.cli.report;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.tfj.bundle.ModelLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes a report into a directory: every file first into a hidden temporary directory inside it, then each moved
 * into place, pages last, so a reader never finds a page whose images are missing or half written.
 */
public final class ReportWriter {

  /** The grid of digits every model gets wrong. */
  public static final String SHARED_ERRORS_PNG = "errors-all-models.png";

  private ReportWriter() {}

  /** Writes the report of {@code data} into {@code out}; returns the files written, pages first. */
  public static List<Path> write(ReportData data, Path out, int digits) throws IOException {
    Files.createDirectories(out);
    Path tmp = Files.createTempDirectory(out, ".report-");
    try {
      List<String> images = images(data, tmp, digits);
      String at = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
      Files.writeString(tmp.resolve(MarkdownReport.FILE), MarkdownReport.render(data, digits, at), UTF_8);
      Files.writeString(tmp.resolve(HtmlReport.FILE), HtmlReport.render(data, digits, at), UTF_8);
      List<String> order = new ArrayList<>(images);
      order.add(MarkdownReport.FILE);
      order.add(HtmlReport.FILE);
      moveInto(tmp, out, order);
      List<Path> written = new ArrayList<>();
      written.add(out.resolve(HtmlReport.FILE));
      written.add(out.resolve(MarkdownReport.FILE));
      images.forEach(name -> written.add(out.resolve(name)));
      return written;
    } finally {
      ModelLayout.deleteTree(tmp);
    }
  }

  /** Moves the files {@code names} from {@code tmp} into {@code out}, in that order, each in one step. */
  static void moveInto(Path tmp, Path out, List<String> names) throws IOException {
    for (String name : names) {
      Files.move(tmp.resolve(name), out.resolve(name), StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    }
  }

  private static List<String> images(ReportData data, Path dir, int digits) throws IOException {
    List<String> names = new ArrayList<>();
    Charts.loss(data.models(), dir.resolve(Charts.LOSS_PNG));
    names.add(Charts.LOSS_PNG);
    Charts.accuracy(data.models(), dir.resolve(Charts.ACCURACY_PNG));
    names.add(Charts.ACCURACY_PNG);
    for (ModelReport m : data.models()) {
      String label = m.bundle().label();
      Charts.confusion(label + ": confusion matrix", m.confusionMatrix(), dir.resolve(m.confusionPng()));
      names.add(m.confusionPng());
      int[] errors = m.evaluation().misclassified();
      int[] predictions = m.evaluation().predictions();
      DigitGrid.write(
          label + ": misclassified test digits (true→predicted)",
          data.test(),
          Arrays.copyOf(errors, Math.min(digits, errors.length)),
          i -> data.test().label(i) + "→" + predictions[i],
          dir.resolve(m.errorsPng()));
      names.add(m.errorsPng());
    }
    if (data.models().size() > 1) {
      int[] shared = data.sharedErrors();
      DigitGrid.write(
          "Misclassified by every model (true→predictions)",
          data.test(),
          Arrays.copyOf(shared, Math.min(digits, shared.length)),
          i -> data.test().label(i) + "→" + predictionsOf(data, i),
          dir.resolve(SHARED_ERRORS_PNG));
      names.add(SHARED_ERRORS_PNG);
    }
    return names;
  }

  private static String predictionsOf(ReportData data, int image) {
    StringBuilder s = new StringBuilder();
    for (ModelReport m : data.models()) {
      s.append(s.isEmpty() ? "" : "/").append(m.evaluation().predictions()[image]);
    }
    return s.toString();
  }
}
