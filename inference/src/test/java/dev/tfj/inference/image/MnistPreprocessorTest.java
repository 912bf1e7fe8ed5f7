package dev.tfj.inference.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tfj.inference.testing.Images;
import dev.tfj.inference.testing.TestData;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class MnistPreprocessorTest {

  private static final float[] SEVEN = java.util.Arrays.copyOf(TestData.mnistTestImages(1), 784);

  @Test
  void scalesTheLongerSideTo20PixelsAndCentresTheMass() {
    BufferedImage bar = new BufferedImage(300, 200, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = bar.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(40, 20, 30, 150); // a "1": 30 wide, 150 tall, far from the centre
    g.dispose();

    float[] out = MnistPreprocessor.toMnist(bar);

    int[] box = box(out);
    assertThat(box[3] - box[1]).isEqualTo(20); // height
    assertThat(box[2] - box[0]).isEqualTo(4); // 30 * 20 / 150
    double[] com = centreOfMass(out);
    assertThat(com[0]).isCloseTo(14.5, org.assertj.core.data.Offset.offset(0.5));
    assertThat(com[1]).isCloseTo(14.5, org.assertj.core.data.Offset.offset(0.5));
    assertThat(max(out)).isEqualTo(1f);
  }

  @Test
  void invertsLightBackgroundsAndIgnoresColourSizeAndPlacement() {
    float[] plain = MnistPreprocessor.toMnist(
        Images.draw(SEVEN, 28, 28, 0, 0, 1, Color.WHITE, Color.BLACK, BufferedImage.TYPE_INT_RGB));
    float[] paper = MnistPreprocessor.toMnist(
        Images.draw(SEVEN, 200, 160, 50, 10, 5, new Color(20, 30, 120), new Color(250, 245, 200), BufferedImage.TYPE_INT_RGB));
    float[] transparent = MnistPreprocessor.toMnist(
        Images.draw(SEVEN, 84, 84, 0, 0, 3, Color.BLACK, new Color(0, 0, 0, 0), BufferedImage.TYPE_INT_ARGB));

    assertThat(meanAbsDifference(plain, paper)).isLessThan(0.06);
    assertThat(meanAbsDifference(plain, transparent)).isLessThan(0.06);
    assertThat(meanAbsDifference(plain, SEVEN)).isLessThan(0.01); // MNIST is already in this form
  }

  @Test
  void rejectsBlankImages() {
    BufferedImage white = new BufferedImage(50, 50, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = white.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 50, 50);
    g.dispose();
    assertThatThrownBy(() -> MnistPreprocessor.toMnist(white))
        .isInstanceOf(InvalidImageException.class)
        .hasMessageContaining("blank");
  }

  @Test
  void rejectsBytesThatAreNoImage() {
    assertThatThrownBy(() -> ImageDecoder.decode("hello".getBytes()))
        .isInstanceOf(InvalidImageException.class)
        .hasMessageContaining("not a PNG or JPEG");
  }

  private static int[] box(float[] img) {
    int x0 = 28, y0 = 28, x1 = -1, y1 = -1;
    for (int y = 0; y < 28; y++) {
      for (int x = 0; x < 28; x++) {
        if (img[y * 28 + x] > 0.05f) {
          x0 = Math.min(x0, x);
          y0 = Math.min(y0, y);
          x1 = Math.max(x1, x);
          y1 = Math.max(y1, y);
        }
      }
    }
    return new int[] {x0, y0, x1 + 1, y1 + 1};
  }

  private static double[] centreOfMass(float[] img) {
    double m = 0, mx = 0, my = 0;
    for (int y = 0; y < 28; y++) {
      for (int x = 0; x < 28; x++) {
        m += img[y * 28 + x];
        mx += (x + 0.5) * img[y * 28 + x];
        my += (y + 0.5) * img[y * 28 + x];
      }
    }
    return new double[] {mx / m, my / m};
  }

  private static float max(float[] img) {
    float m = 0;
    for (float v : img) {
      m = Math.max(m, v);
    }
    return m;
  }

  private static double meanAbsDifference(float[] a, float[] b) {
    double d = 0;
    for (int i = 0; i < a.length; i++) {
      d += Math.abs(a[i] - b[i]);
    }
    return d / a.length;
  }
}
