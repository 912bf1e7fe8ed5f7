package dev.tfj.cli.report;

import dev.tfj.bundle.EpochMetrics;
import dev.tfj.bundle.ServingSignature;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The report's charts, drawn with XChart like a bundle's {@code curves.png}. */
public final class Charts {

  /** All models' losses per epoch. */
  public static final String LOSS_PNG = "loss.png";

  /** All models' accuracies per epoch. */
  public static final String ACCURACY_PNG = "accuracy.png";

  static final int WIDTH = 760;
  static final int HEIGHT = 460;
  static final int MATRIX_SIZE = 520;

  /** Distinct, colour-blind-friendly line colours (Okabe and Ito), one per model, repeating past eight. */
  static final Color[] PALETTE = {
    new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73), new Color(0xCC79A7),
    new Color(0xE69F00), new Color(0x56B4E9), new Color(0x000000), new Color(0xF0E442)
  };

  private static final Color LIGHT = new Color(0xFDBB84);
  private static final Color DARK = new Color(0xD7301F);

  static final BasicStroke SOLID = new BasicStroke(2f);
  static final BasicStroke DASHED =
      new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {7f, 5f}, 0f);

  private Charts() {}

  /** Writes train (solid) and test (dashed) cross-entropy of every model on one pair of axes. */
  public static void loss(List<ModelReport> models, Path file) throws IOException {
    XYChart chart = curves("Loss per epoch: train solid, test dashed", "cross-entropy (log scale)", models,
        EpochMetrics::trainLoss, EpochMetrics::testLoss);
    // Late-epoch losses differ by factors, not by hundredths: only a log axis keeps them apart.
    boolean positive = models.stream().flatMap(m -> m.metrics().epochs().stream())
        .allMatch(e -> e.trainLoss() > 0 && e.testLoss() > 0);
    chart.getStyler().setYAxisLogarithmic(positive);
    write(chart, file);
  }

  /** Writes train (solid) and test (dashed) accuracy of every model on one pair of axes. */
  public static void accuracy(List<ModelReport> models, Path file) throws IOException {
    write(curves("Accuracy per epoch: train solid, test dashed", "accuracy (%)", models,
        e -> 100 * e.trainAccuracy(), e -> 100 * e.testAccuracy()), file);
  }

  /**
   * Writes a model's confusion matrix (true class down, predicted across) with the count in each cell, coloured on
   * a log scale.
   */
  public static void confusion(String title, int[][] matrix, Path file) throws IOException {
    int classes = ServingSignature.NUM_CLASSES;
    List<String> predicted = new ArrayList<>();
    List<String> truthTopDown = new ArrayList<>();
    for (int c = 0; c < classes; c++) {
      predicted.add(Integer.toString(c));
      truthTopDown.add(Integer.toString(classes - 1 - c));
    }
    List<Number[]> cells = new ArrayList<>();
    for (int truth = 0; truth < classes; truth++) {
      for (int pred = 0; pred < classes; pred++) {
        cells.add(new Number[] {pred, classes - 1 - truth, matrix[truth][pred]});
      }
    }
    int max = maxCell(matrix);
    HeatMapChart chart =
        new HeatMapChartBuilder()
            .width(MATRIX_SIZE)
            .height(MATRIX_SIZE)
            .title(title)
            .xAxisTitle("predicted")
            .yAxisTitle("true")
            .build();
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setPlotGridLinesVisible(false);
    chart.getStyler().setShowValue(true);
    chart.getStyler().setHeatMapValueDecimalPattern("0");
    chart.getStyler().setValueFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    chart.getStyler().setValueFontColor(Color.BLACK);
    chart.getStyler().setRangeColors(logColors(max));
    chart.getStyler().setMin(0);
    chart.getStyler().setMax(max);
    chart.addSeries("confusion", predicted, truthTopDown, cells);
    write(chart, file);
  }

  private static XYChart curves(
      String title,
      String yAxis,
      List<ModelReport> models,
      ToDoubleFunction<EpochMetrics> train,
      ToDoubleFunction<EpochMetrics> test) {
    XYChart chart =
        new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("epoch").yAxisTitle(yAxis).build();
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setXAxisDecimalPattern("0");
    chart.getStyler().setYAxisDecimalPattern("0.0##");
    chart.getStyler().setLegendPosition(LegendPosition.OutsideE);
    for (int i = 0; i < models.size(); i++) {
      ModelReport model = models.get(i);
      Color color = PALETTE[i % PALETTE.length];
      List<EpochMetrics> epochs = model.metrics().epochs();
      series(chart, model.bundle().label() + " train", epochs, train, color, SOLID);
      series(chart, model.bundle().label() + " test", epochs, test, color, DASHED);
    }
    return chart;
  }

  private static void series(
      XYChart chart,
      String name,
      List<EpochMetrics> epochs,
      ToDoubleFunction<EpochMetrics> value,
      Color color,
      BasicStroke stroke) {
    double[] x = epochs.stream().mapToDouble(EpochMetrics::epoch).toArray();
    double[] y = epochs.stream().mapToDouble(value).toArray();
    XYSeries series = chart.addSeries(name, x, y);
    series.setLineColor(color);
    series.setLineStyle(stroke);
    series.setMarkerColor(color);
    series.setMarker(SeriesMarkers.CIRCLE);
  }

  /**
   * One colour per count 0..max, so XChart's linear lookup lands on {@code ramp(log(1 + count) / log(1 + max))}:
   * a log scale, under which one error is visible beside a thousand right answers.
   */
  private static Color[] logColors(int max) {
    Color[] colors = new Color[max + 1];
    for (int count = 0; count <= max; count++) {
      colors[count] = ramp(Math.log1p(count) / Math.log1p(max));
    }
    return colors;
  }

  /** White through light orange to red, for t in [0,1]. */
  private static Color ramp(double t) {
    return t < 0.5 ? mix(Color.WHITE, LIGHT, t / 0.5) : mix(LIGHT, DARK, (t - 0.5) / 0.5);
  }

  private static Color mix(Color a, Color b, double t) {
    return new Color(
        (int) Math.round(a.getRed() + t * (b.getRed() - a.getRed())),
        (int) Math.round(a.getGreen() + t * (b.getGreen() - a.getGreen())),
        (int) Math.round(a.getBlue() + t * (b.getBlue() - a.getBlue())));
  }

  private static int maxCell(int[][] matrix) {
    int max = 1;
    for (int[] row : matrix) {
      for (int v : row) {
        max = Math.max(max, v);
      }
    }
    return max;
  }

  static void write(Chart<?, ?> chart, Path file) throws IOException {
    if (!ImageIO.write(BitmapEncoder.getBufferedImage(chart), "png", file.toFile())) {
      throw new IOException("no PNG writer available for " + file);
    }
  }
}
