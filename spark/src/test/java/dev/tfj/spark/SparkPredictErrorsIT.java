package dev.tfj.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tfj.inference.testing.TestData;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input to {@code tfj spark-predict}: one line, a non-zero exit, and no output directory left behind. */
class SparkPredictErrorsIT {

  private static final String MODEL = TestData.foreign().resolve(TestData.KERAS_SOFTMAX).toString();

  @TempDir Path tmp;

  @Test
  void refusesAnOutputThatExistsAndLeavesItAlone() throws IOException {
    Path out = Files.createDirectories(tmp.resolve("out"));
    Files.writeString(out.resolve("keep.txt"), "mine");

    Commands run = Commands.sparkPredict("--model", MODEL, "--input", Mnist.IMAGES, "--output", out.toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("spark-predict: --output " + out + " already exists; choose a new directory\n");
    assertThat(Files.list(out).map(p -> p.getFileName().toString())).containsExactly("keep.txt");
  }

  @Test
  void refusesLabelsThatDoNotCountTheImages() throws IOException {
    Path labels = tmp.resolve("five-labels.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(labels))) {
      out.write(ByteBuffer.allocate(8).putInt(0x801).putInt(5).array());
      out.write(new byte[] {7, 2, 1, 0, 4});
    }

    Commands run = Commands.sparkPredict("--model", MODEL, "--input", Mnist.IMAGES, "--labels", labels.toString(),
        "--output", tmp.resolve("out").toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("spark-predict: " + labels + " holds 5 labels for 10000 images\n");
    assertThat(tmp.resolve("out")).doesNotExist();
  }

  @Test
  void refusesALabelsFileGivenAsInputAndAMissingInput() {
    Commands labelsAsInput = Commands.sparkPredict("--model", MODEL, "--input", Mnist.LABELS, "--output",
        tmp.resolve("out").toString());
    Commands missing = Commands.sparkPredict("--model", MODEL, "--input", tmp.resolve("nothing").toString(),
        "--output", tmp.resolve("out").toString());

    assertThat(labelsAsInput.exit()).isEqualTo(1);
    assertThat(labelsAsInput.err()).isEqualTo("spark-predict: " + Mnist.LABELS + " is neither an IDX images file nor"
        + " Parquet (it is an IDX labels file); give an IDX images file (raw or .gz), a directory of PNG/JPEG"
        + " files, or a Parquet table\n");
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err()).isEqualTo("spark-predict: " + tmp.resolve("nothing") + " does not exist\n");
  }

  @Test
  void aFailedJobLeavesNoOutputDirectory() throws IOException {
    Path digits = Files.createDirectories(tmp.resolve("digits"));
    Files.write(digits.resolve("broken.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});

    Commands run = Commands.sparkPredict("--model", MODEL, "--input", digits.toString(), "--output",
        tmp.resolve("out").toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).startsWith("spark-predict: " + digits.resolve("broken.png") + ": ").doesNotContain("\tat ");
    assertThat(run.err().lines()).hasSize(1);
    assertThat(Files.list(tmp).map(p -> p.getFileName().toString())).containsExactly("digits");
  }

  @Test
  void refusesLabelsForAnInputThatIsNotIdx() throws IOException {
    Path digits = Files.createDirectories(tmp.resolve("digits"));

    Commands run = Commands.sparkPredict("--model", MODEL, "--input", digits.toString(), "--labels", Mnist.LABELS,
        "--output", tmp.resolve("out").toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo("spark-predict: --labels goes with an IDX images input; for Parquet use --label-column\n");
  }

  @Test
  void namesTheChoicesOfAWrongFormatOrLayout() {
    String out = tmp.resolve("out").toString();
    Commands format = Commands.sparkPredict("--model", MODEL, "--input", Mnist.IMAGES, "--output", out, "--format", "xml");
    Commands layout = Commands.sparkPredict("--model", MODEL, "--input", Mnist.IMAGES, "--output", out, "--layout", "3,3");

    assertThat(format.exit()).isEqualTo(2);
    assertThat(format.err()).isEqualTo("spark-predict: --format 'xml': choose parquet or csv\n");
    assertThat(layout.exit()).isEqualTo(2);
    assertThat(layout.err()).isEqualTo("spark-predict: --layout '3,3': choose one of N,28,28,1  N,28,28  N,784\n");
  }

  @Test
  void refusesAModelDirectoryWithoutASavedModel() throws IOException {
    Path empty = Files.createDirectories(tmp.resolve("empty-model"));

    Commands run = Commands.sparkPredict("--model", empty.toString(), "--input", Mnist.IMAGES, "--output",
        tmp.resolve("out").toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err().lines()).hasSize(1);
    assertThat(run.err()).startsWith("spark-predict: ").contains(empty.toString());
  }
}
