package dev.tfj.cli.report;

import dev.tfj.trainer.study.EpochSpread;
import dev.tfj.trainer.study.GroupSummary;
import dev.tfj.trainer.study.Spread;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A study's curves: per group the mean over seeds as a line (train solid, test dashed) inside a translucent band
 * from the lowest to the highest run, every group on shared axes.
 */
final class StudyCharts {

  private StudyCharts() {}

  /** Train and test accuracy per epoch of {@code groups}. */
  static void accuracy(String title, List<GroupSummary> groups, Path file) throws IOException {
    XYChart chart = chart(title + ": accuracy per epoch (mean over seeds, band min–max; train solid, test dashed)",
        "accuracy (%)");
    draw(chart, groups, EpochSpread::trainAccuracy, EpochSpread::testAccuracy, 100);
    Charts.write(chart, file);
  }

  /** Train and test loss per epoch of {@code groups}, on a log axis when every value is positive. */
  static void loss(String title, List<GroupSummary> groups, Path file) throws IOException {
    XYChart chart = chart(title + ": loss per epoch (mean over seeds, band min–max; train solid, test dashed)",
        "cross-entropy (log scale)");
    draw(chart, groups, EpochSpread::trainLoss, EpochSpread::testLoss, 1);
    boolean positive = groups.stream().flatMap(g -> g.curves().stream())
        .allMatch(e -> e.trainLoss().min() > 0 && e.testLoss().min() > 0);
    chart.getStyler().setYAxisLogarithmic(positive);
    Charts.write(chart, file);
  }

  private static XYChart chart(String title, String yAxis) {
    XYChart chart = new XYChartBuilder().width(Charts.WIDTH + 140).height(Charts.HEIGHT + 40).title(title)
        .xAxisTitle("epoch").yAxisTitle(yAxis).build();
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setXAxisDecimalPattern("0");
    chart.getStyler().setYAxisDecimalPattern("0.0##");
    chart.getStyler().setLegendPosition(LegendPosition.OutsideE);
    return chart;
  }

  private static void draw(
      XYChart chart,
      List<GroupSummary> groups,
      Function<EpochSpread, Spread> train,
      Function<EpochSpread, Spread> test,
      double scale) {
    for (int i = 0; i < groups.size(); i++) {
      GroupSummary g = groups.get(i);
      Color color = Charts.PALETTE[i % Charts.PALETTE.length];
      String label = g.group().label();
      band(chart, label + " train band", g.curves(), train, scale, color);
      band(chart, label + " test band", g.curves(), test, scale, color);
      mean(chart, label + " train", g.curves(), train, scale, color, Charts.SOLID);
      mean(chart, label + " test", g.curves(), test, scale, color, Charts.DASHED);
    }
  }

  private static void mean(
      XYChart chart, String name, List<EpochSpread> curves, Function<EpochSpread, Spread> figure, double scale,
      Color color, BasicStroke stroke) {
    double[] x = curves.stream().mapToDouble(EpochSpread::epoch).toArray();
    double[] y = curves.stream().mapToDouble(e -> scale * figure.apply(e).mean()).toArray();
    XYSeries series = chart.addSeries(name, x, y);
    series.setLineColor(color);
    series.setLineStyle(stroke);
    series.setMarkerColor(color);
    series.setMarker(SeriesMarkers.CIRCLE);
  }

  /** The polygon from min over the epochs forwards to max backwards, filled translucent. */
  private static void band(
      XYChart chart, String name, List<EpochSpread> curves, Function<EpochSpread, Spread> figure, double scale,
      Color color) {
    int n = curves.size();
    double[] x = new double[2 * n];
    double[] y = new double[2 * n];
    for (int k = 0; k < n; k++) {
      EpochSpread e = curves.get(k);
      x[k] = e.epoch();
      y[k] = scale * figure.apply(e).min();
      EpochSpread back = curves.get(n - 1 - k);
      x[n + k] = back.epoch();
      y[n + k] = scale * figure.apply(back).max();
    }
    XYSeries series = chart.addSeries(name, x, y);
    series.setXYSeriesRenderStyle(XYSeriesRenderStyle.PolygonArea);
    series.setFillColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 45));
    series.setLineColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 0));
    series.setMarker(SeriesMarkers.NONE);
    series.setShowInLegend(false);
  }
}
