package dev.tfj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tfj.bundle.MetricsFile;
import dev.tfj.trainer.data.IdxReader;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tfj predict} on PNG files, a directory and the IDX test file, as CSV and JSON lines. */
class PredictCommandTest {

  /** The labels of the first five MNIST test images. */
  private static final int[] LABELS = {7, 2, 1, 0, 4};

  @TempDir Path tmp;
  private Path pngs;
  private final String model = TinyBundle.version().toString();

  @BeforeEach
  void writeTestDigitsAsPngs() throws IOException {
    pngs = Files.createDirectory(tmp.resolve("digits"));
    IdxReader.Images test = IdxReader.readImages(TinyBundle.mnist().resolve("t10k-images-idx3-ubyte.gz"));
    for (int i = 0; i < LABELS.length; i++) {
      BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
      for (int p = 0; p < 784; p++) {
        int v = test.pixels()[i * 784 + p] & 0xFF;
        image.getRaster().setSample(p % 28, p / 28, 0, v);
      }
      ImageIO.write(image, "png", pngs.resolve("digit-" + i + ".png").toFile());
    }
  }

  @Test
  void classifiesPngFilesAsCsv() {
    CliRun run = CliRun.of("predict", "-m", model, pngs.resolve("digit-0.png").toString(),
        pngs.resolve("digit-1.png").toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    List<String> lines = run.out().lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).isEqualTo("input,predicted,probability");
    assertThat(lines.get(1)).matches(pngs.resolve("digit-0.png") + ",7,0\\.\\d{6}|.*,7,1\\.000000");
    assertThat(lines.get(2)).startsWith(pngs.resolve("digit-1.png") + ",2,");
  }

  @Test
  void classifiesADirectoryWithCsvLabelsAsJsonLines() throws IOException {
    StringBuilder csv = new StringBuilder("file,label\n");
    for (int i = 0; i < LABELS.length; i++) {
      csv.append("digit-").append(i).append(".png,").append(LABELS[i]).append('\n');
    }
    Path labels = Files.writeString(tmp.resolve("labels.csv"), csv);

    CliRun run = CliRun.of("predict", "-m", model, "--format", "jsonl", "--labels", labels.toString(), pngs.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    List<String> lines = run.out().lines().toList();
    assertThat(lines).hasSize(5);
    assertThat(lines.get(0))
        .matches("\\{\"input\":\"" + pngs.resolve("digit-0.png") + "\",\"predicted\":7,\"probability\":[01]\\.\\d{6},\"label\":7}");
    // the bundle is trained with a fixed seed and classifies each of these five, re-centred as the image endpoint
    // does, with a probability above 0.95
    assertThat(run.err()).isEqualTo("accuracy 1.0000 (5/5 labelled images)\n");
  }

  @Test
  void classifiesTheIdxTestFileWithIdxLabelsIntoAFile() throws IOException {
    double recorded = MetricsFile.read(TinyBundle.version()).orElseThrow().finalTestAccuracy();
    Path out = tmp.resolve("predictions.csv");

    CliRun run = CliRun.of("predict", "-m", model, "-o", out.toString(),
        "--labels", TinyBundle.mnist().resolve("t10k-labels-idx1-ubyte.gz").toString(),
        TinyBundle.mnist().resolve("t10k-images-idx3-ubyte.gz").toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).isEmpty();
    List<String> lines = Files.readAllLines(out);
    assertThat(lines).hasSize(10_001);
    assertThat(lines.get(0)).isEqualTo("input,predicted,probability,label");
    assertThat(lines.get(1)).endsWith("t10k-images-idx3-ubyte.gz#0,7," + lines.get(1).split(",")[2] + ",7");
    assertThat(run.err()).isEqualTo(String.format(
        Locale.ROOT, "accuracy %.4f (%d/10000 labelled images)%n", recorded, Math.round(recorded * 10_000)));
  }

  @Test
  void reproducesTheDocumentedAccuracyOfTheKerasSoftmaxModel() {
    CliRun run = predictTestSet(TinyBundle.foreign("keras-softmax-tf24"));

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).isEqualTo("accuracy 0.9242 (9242/10000 labelled images)\n");
  }

  @Test
  void reproducesTheDocumentedAccuracyOfTheKeras3ConvModel() {
    CliRun run = predictTestSet(TinyBundle.foreign("keras3-conv-tf219"));

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).isEqualTo("accuracy 0.9705 (9705/10000 labelled images)\n");
  }

  @Test
  void writesJsonLinesWithAnEscapedNameAndANullLabelForAnUnlabelledImage() throws IOException {
    Path quoted = Files.copy(pngs.resolve("digit-0.png"), tmp.resolve("a \"seven\".png"));
    Path labels = Files.writeString(tmp.resolve("labels.csv"), "digit-1.png,2\n");

    CliRun run = CliRun.of("predict", "-m", model, "--format", "JSONL", "--labels", labels.toString(),
        quoted.toString(), pngs.resolve("digit-1.png").toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    List<String> lines = run.out().lines().toList();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).matches(Pattern.quote("{\"input\":\"" + tmp.resolve("a \\\"seven\\\".png")
        + "\",\"predicted\":7,\"probability\":") + "[01]\\.\\d{6},\"label\":null}");
    assertThat(lines.get(1)).endsWith(",\"label\":2}");
    assertThat(run.err()).isEqualTo("accuracy 1.0000 (1/1 labelled images)\n");
  }

  @Test
  void rejectsAnUnknownFormatNamingTheChoices() {
    CliRun run = CliRun.of("predict", "-m", model, "--format", "xml", pngs.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).isEqualTo("tfj predict: --format 'xml': choose csv or jsonl\n");
  }

  @Test
  void reportsAnUnreadableImageByName() throws IOException {
    Path bad = Files.writeString(tmp.resolve("not-an-image.png"), "hello");

    CliRun run = CliRun.of("predict", "-m", model, bad.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.SOFTWARE);
    assertThat(run.err()).isEqualTo("tfj predict: " + bad + ": the body is not a PNG or JPEG image\n");
  }

  @Test
  void reportsAMissingInput() {
    CliRun run = CliRun.of("predict", "-m", model, tmp.resolve("missing.png").toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.SOFTWARE);
    assertThat(run.err()).isEqualTo("tfj predict: " + tmp.resolve("missing.png") + " does not exist\n");
  }

  @Test
  void reportsAModelPathThatIsNotASavedModel() {
    CliRun run = CliRun.of("predict", "-m", pngs.toString(), pngs.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.SOFTWARE);
    assertThat(run.err()).isEqualTo("tfj predict: " + pngs + " is not a SavedModel: no saved_model.pb and no"
        + " numbered version directories in it\n");
  }

  @Test
  void reportsLabelsThatDoNotMatchTheInputs() {
    CliRun run = CliRun.of("predict", "-m", model,
        "--labels", TinyBundle.mnist().resolve("t10k-labels-idx1-ubyte.gz").toString(), pngs.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.SOFTWARE);
    assertThat(run.err()).isEqualTo("tfj predict: --labels holds 10000 labels for 5 input images\n");
  }

  private CliRun predictTestSet(Path model) {
    return CliRun.of("predict", "-m", model.toString(), "-o", tmp.resolve("predictions.csv").toString(),
        "--labels", TinyBundle.mnist().resolve("t10k-labels-idx1-ubyte.gz").toString(),
        TinyBundle.mnist().resolve("t10k-images-idx3-ubyte.gz").toString());
  }
}
