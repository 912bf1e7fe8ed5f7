package dev.tfj.trainer.export;

import dev.tfj.bundle.EpochMetrics;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Draws train and test loss and accuracy per epoch, side by side, into one PNG. */
public final class CurvesPlot {

  static final int WIDTH = 640;
  static final int HEIGHT = 420;

  private CurvesPlot() {}

  /** Writes the curves of {@code epochs} to {@code file} (PNG). */
  public static void write(String title, List<EpochMetrics> epochs, Path file) throws IOException {
    XYChart loss = chart(title + ": loss", "cross-entropy");
    series(loss, "train", epochs, EpochMetrics::trainLoss);
    series(loss, "test", epochs, EpochMetrics::testLoss);
    XYChart accuracy = chart(title + ": accuracy", "accuracy");
    series(accuracy, "train", epochs, EpochMetrics::trainAccuracy);
    series(accuracy, "test", epochs, EpochMetrics::testAccuracy);

    BufferedImage out = new BufferedImage(2 * WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, out.getWidth(), out.getHeight());
      g.drawImage(BitmapEncoder.getBufferedImage(loss), 0, 0, null);
      g.drawImage(BitmapEncoder.getBufferedImage(accuracy), WIDTH, 0, null);
    } finally {
      g.dispose();
    }
    if (!ImageIO.write(out, "png", file.toFile())) {
      throw new IOException("no PNG writer available for " + file);
    }
  }

  private static XYChart chart(String title, String yAxis) {
    XYChart chart =
        new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("epoch").yAxisTitle(yAxis).build();
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setXAxisDecimalPattern("0");
    chart.getStyler().setYAxisDecimalPattern("0.0##");
    return chart;
  }

  private static void series(
      XYChart chart, String name, List<EpochMetrics> epochs, ToDoubleFunction<EpochMetrics> value) {
    double[] x = epochs.stream().mapToDouble(EpochMetrics::epoch).toArray();
    double[] y = epochs.stream().mapToDouble(value).toArray();
    chart.addSeries(name, x, y).setMarker(SeriesMarkers.CIRCLE);
  }
}
