package io.poollab.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Rectangle;
import java.awt.geom.Ellipse2D;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Comparator;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.chart.renderer.category.StatisticalLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.chart.util.ShapeUtils;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

/**
 * Draws a {@link ChartData} with JFreeChart: as an inline SVG element (JFreeSVG) and as a PNG.
 *
 * <p>Runs headless ({@code java.awt.headless=true} is set on first use).
 *
 * <pre>{@code
 * String svg = ChartRenderer.svg(chart);
 * ChartRenderer.png(chart, runDir.resolve("charts").resolve(chart.id() + ".png"));
 * }</pre>
 */
public final class ChartRenderer {

  /** Width of every chart, in pixels: 16:9, wide enough for five legend entries and long tick labels. */
  public static final int WIDTH = 960;

  /** Height of every chart, in pixels. */
  public static final int HEIGHT = 540;

  private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 18);
  private static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 15);
  private static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
  private static final Font LEGEND_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 14);

  /** A bar chart whose category labels are longer than this is drawn on its side, labels left. */
  private static final int LONG_LABEL = 16;

  private static final Paint[] COLORS = {
    new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
    new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf),
    new Color(0xbcbd22), new Color(0x7f7f7f)
  };

  /** A strip chart's title, axis and legend, in pixels. */
  private static final int STRIP_FRAME = 170;

  /** The height of one strip chart row, in pixels. */
  private static final int STRIP_ROW = 62;

  /** The colour of Python's bars in a chart of one series. */
  private static final Paint PYTHON = new Color(0xff7f0e);

  static {
    System.setProperty("java.awt.headless", "true");
  }

  private ChartRenderer() {}

  /**
   * The chart as an {@code <svg>} element to place inline in HTML: ids prefixed by the chart's
   * id so several charts share a page, scalable through its view box.
   *
   * @param data the chart
   * @return the SVG element's text
   */
  public static String svg(ChartData data) {
    JFreeChart chart = chart(data);
    int height = height(data);
    SVGGraphics2D g = new SVGGraphics2D(WIDTH, height);
    g.setDefsKeyPrefix(data.id() + "-");
    chart.draw(g, new Rectangle(0, 0, WIDTH, height));
    return g.getSVGElement("svg-" + data.id(), true, new ViewBox(0, 0, WIDTH, height), null, null);
  }

  /**
   * Saves the chart as a PNG file, creating its folder.
   *
   * @param data the chart
   * @param file where to write it
   * @throws IOException when it cannot be written
   */
  public static void png(ChartData data, Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    ChartUtils.saveChartAsPNG(file.toFile(), chart(data), WIDTH, height(data));
  }

  /**
   * A chart's height: {@link #HEIGHT}, but a strip chart of few rows is shorter (a row needs
   * about {@value #STRIP_ROW} pixels; one row on 540 would be mostly white).
   *
   * @param data the chart
   * @return the height in pixels
   */
  public static int height(ChartData data) {
    return data.kind() == ChartKind.STRIP
        ? Math.min(HEIGHT, STRIP_FRAME + STRIP_ROW * data.categories().size()) : HEIGHT;
  }

  /**
   * The JFreeChart of a chart's data.
   *
   * @param data the chart
   * @return a chart ready to draw
   */
  public static JFreeChart chart(ChartData data) {
    JFreeChart chart = switch (data.kind()) {
      case LINE, LOG_X, PERCENTILE -> xyChart(data);
      case BAR, TREND, CATEGORY_LINE -> categoryChart(data);
      case STRIP -> stripChart(data);
    };
    chart.setBackgroundPaint(Color.WHITE);
    chart.setTextAntiAlias(true);
    chart.setAntiAlias(true);
    chart.getTitle().setFont(TITLE_FONT);
    if (chart.getLegend() != null) {
      chart.getLegend().setItemFont(LEGEND_FONT);
    }
    if (chart.getPlot() instanceof XYPlot xy) {
      fonts(xy.getDomainAxis());
      fonts(xy.getRangeAxis());
    } else if (chart.getPlot() instanceof CategoryPlot cat) {
      cat.getDomainAxis().setLabelFont(LABEL_FONT);
      cat.getDomainAxis().setTickLabelFont(TICK_FONT);
      fonts(cat.getRangeAxis());
    }
    return chart;
  }

  private static JFreeChart xyChart(ChartData data) {
    YIntervalSeriesCollection dataset = new YIntervalSeriesCollection();
    for (ChartData.Series s : data.series()) {
      YIntervalSeries series = new YIntervalSeries(s.name(), false, true);
      // a speed-up or latency is never negative: an interval reaching below zero is drawn to zero
      s.points().forEach(p -> series.add(p.x(), p.y(), Math.max(0, p.low()), p.high()));
      dataset.addSeries(series);
    }
    ValueAxis x = switch (data.kind()) {
      case LOG_X -> {
        LogAxis axis = new LogAxis(data.xLabel());
        axis.setBase(2);
        axis.setTickUnit(new NumberTickUnit(1));
        axis.setNumberFormatOverride(plain("0"));
        axis.setSmallestValue(0.5);
        yield axis;
      }
      case PERCENTILE -> new PercentileAxis(data.xLabel());
      default -> {
        NumberAxis axis = new NumberAxis(data.xLabel());
        axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits(Locale.ROOT));
        axis.setAutoRangeIncludesZero(false);
        yield axis;
      }
    };
    ValueAxis y;
    if (data.kind() == ChartKind.PERCENTILE) {
      LogAxis axis = new LogAxis(data.yLabel());
      axis.setBase(2); // 1, 2, 4, 8 ... µs: round labels over a wide range
      axis.setTickUnit(new NumberTickUnit(1));
      axis.setNumberFormatOverride(plain("0.##"));
      axis.setSmallestValue(0.01);
      y = axis;
    } else {
      NumberAxis axis = new NumberAxis(data.yLabel());
      axis.setNumberFormatOverride(plain("0.0#"));
      axis.setRange(0, top(data));
      y = axis;
    }
    XYErrorRenderer renderer = new XYErrorRenderer();
    renderer.setDrawXError(false);
    renderer.setDefaultShapesVisible(true);
    renderer.setDefaultLinesVisible(true);
    renderer.setCapLength(6);
    int colour = 0;
    for (int i = 0; i < data.series().size(); i++) {
      ChartData.Series s = data.series().get(i);
      renderer.setSeriesLinesVisible(i, true);
      switch (s.style()) {
        case DASHED -> {
          renderer.setSeriesPaint(i, Color.GRAY);
          renderer.setSeriesShapesVisible(i, false);
          renderer.setSeriesStroke(i, dashes(1.5f, 6f, 4f));
        }
        case REFERENCE -> {
          // a result without an x position: a line across the chart, no marker that would sit at an x
          renderer.setSeriesPaint(i, COLORS[colour++ % COLORS.length]);
          renderer.setSeriesShapesVisible(i, false);
          renderer.setSeriesStroke(i, dashes(2.5f, 2f, 4f));
        }
        default -> {
          renderer.setSeriesPaint(i, COLORS[colour++ % COLORS.length]);
          renderer.setSeriesStroke(i, new BasicStroke(s.name().startsWith("Python") ? 1.5f : 2.5f));
        }
      }
    }
    XYPlot plot = new XYPlot(dataset, x, y, renderer);
    plot.setOrientation(PlotOrientation.VERTICAL);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(new Color(0xdddddd));
    plot.setRangeGridlinePaint(new Color(0xdddddd));
    JFreeChart chart = new JFreeChart(data.title(), JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    plot.setBackgroundPaint(Color.WHITE);
    return chart;
  }

  private static JFreeChart categoryChart(ChartData data) {
    DefaultStatisticalCategoryDataset dataset = new DefaultStatisticalCategoryDataset();
    // register every category in x order first, so a series that lacks one leaves a gap
    Set<String> categories = new LinkedHashSet<>(data.categories());
    data.series().stream().flatMap(s -> s.points().stream())
        .sorted(Comparator.comparingDouble(ChartData.Point::x))
        .forEach(p -> categories.add(p.category()));
    String first = data.series().get(0).name();
    for (String c : categories) {
      dataset.add((Number) null, null, first, c);
    }
    for (ChartData.Series s : data.series()) {
      for (ChartData.Point p : s.points()) {
        // the renderers draw y ± this half-width; clipped at zero by the axis range
        dataset.add(p.y(), (p.high() - p.low()) / 2, s.name(), p.category());
      }
    }
    CategoryAxis x = new CategoryAxis(data.xLabel());
    boolean sideways = data.kind() == ChartKind.BAR
        && categories.stream().anyMatch(c -> c.length() > LONG_LABEL);
    if (data.kind() == ChartKind.TREND && categories.size() > 4) {
      x.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
    }
    if (sideways) {
      // long labels ("map, 2 workers, chunksize 1000") read left of their bars, on up to two lines
      x.setMaximumCategoryLabelLines(2);
      x.setMaximumCategoryLabelWidthRatio(0.35f);
    }
    NumberAxis y = new NumberAxis(data.yLabel());
    y.setNumberFormatOverride(plain("0.0#"));
    y.setRange(0, top(data));
    CategoryPlot plot;
    if (data.kind() == ChartKind.BAR) {
      List<String> columns = List.copyOf(categories);
      boolean single = data.series().size() == 1;
      StatisticalBarRenderer renderer = new StatisticalBarRenderer() {
        @Override
        public Paint getItemPaint(int row, int column) {
          // one series of methods: Python's reference bars in their own colour, told apart at a glance
          return single && columns.get(column).startsWith("Python") ? PYTHON : super.getItemPaint(row, column);
        }
      };
      renderer.setErrorIndicatorPaint(Color.BLACK);
      renderer.setShadowVisible(false);
      renderer.setDrawBarOutline(false);
      // small bars beside large ones stay readable with their value written on them
      renderer.setDefaultItemLabelGenerator(
          new StandardCategoryItemLabelGenerator("{2}x", plain("0.0#")));
      renderer.setDefaultItemLabelsVisible(true);
      for (int i = 0; i < data.series().size(); i++) {
        renderer.setSeriesPaint(i, COLORS[i % COLORS.length]);
      }
      plot = new CategoryPlot(dataset, x, y, renderer);
      if (sideways) {
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setRangeAxisLocation(AxisLocation.BOTTOM_OR_LEFT);
        // the value inside the bar's base, clear of the error bar at its end
        renderer.setDefaultPositiveItemLabelPosition(
            new ItemLabelPosition(ItemLabelAnchor.INSIDE9, TextAnchor.CENTER_LEFT));
        // a bar too short for its label gets it outside, after the bar; black reads on both
        renderer.setPositiveItemLabelPositionFallback(
            new ItemLabelPosition(ItemLabelAnchor.OUTSIDE3, TextAnchor.CENTER_LEFT));
        renderer.setDefaultItemLabelPaint(Color.BLACK);
        renderer.setDefaultItemLabelFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
      }
    } else {
      StatisticalLineAndShapeRenderer renderer = new StatisticalLineAndShapeRenderer(true, true);
      for (int i = 0; i < data.series().size(); i++) {
        renderer.setSeriesPaint(i, COLORS[i % COLORS.length]);
        renderer.setSeriesStroke(i, new BasicStroke(2f));
      }
      plot = new CategoryPlot(dataset, x, y, renderer);
    }
    // one series needs no legend: the axis says what the bars are
    JFreeChart chart = new JFreeChart(data.title(), JFreeChart.DEFAULT_TITLE_FONT, plot, data.series().size() > 1);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(new Color(0xdddddd));
    return chart;
  }

  /**
   * A strip chart on its side: configurations down the left (first on top), the value along the
   * bottom, dots per round, the estimate as a black diamond with its interval.
   */
  private static JFreeChart stripChart(ChartData data) {
    YIntervalSeriesCollection dataset = new YIntervalSeriesCollection();
    for (ChartData.Series s : data.series()) {
      YIntervalSeries series = new YIntervalSeries(s.name(), false, true);
      s.points().forEach(p -> series.add(p.x(), p.y(), Math.max(0, p.low()), p.high()));
      dataset.addSeries(series);
    }
    SymbolAxis rows = new SymbolAxis(data.xLabel(), data.categories().toArray(new String[0]));
    rows.setInverted(true);
    rows.setGridBandsVisible(false);
    rows.setRange(-0.5, data.categories().size() - 0.5);
    rows.setLabel(null);
    NumberAxis value = new NumberAxis(data.yLabel());
    value.setNumberFormatOverride(plain("0.0#"));
    // dots are no bars: an axis from near the lowest interval shows the rounds' scatter; from
    // zero when that is near 1.0 anyway, so the serial line stays in view
    double lowest = data.series().stream().flatMap(s -> s.points().stream())
        .mapToDouble(ChartData.Point::low).min().orElse(0);
    value.setRange(lowest < 2 ? 0 : lowest * 0.9, top(data));
    // the estimate with its interval on an error renderer; the dots on a plain one, so a round
    // (which has no interval) gets no zero-length error bar with caps
    XYErrorRenderer estimate = new XYErrorRenderer();
    estimate.setDrawXError(false);
    estimate.setCapLength(10);
    estimate.setErrorPaint(Color.BLACK);
    estimate.setErrorStroke(new BasicStroke(2f));
    estimate.setDefaultLinesVisible(false);
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer();
    YIntervalSeriesCollection estimates = new YIntervalSeriesCollection();
    for (int i = 0; i < data.series().size(); i++) {
      ChartData.Series s = data.series().get(i);
      renderer.setSeriesLinesVisible(i, s.dashed());
      renderer.setSeriesShapesVisible(i, !s.dashed());
      switch (s.style()) {
        case DASHED -> {
          renderer.setSeriesPaint(i, Color.GRAY);
          renderer.setSeriesStroke(i, dashes(1.5f, 6f, 4f));
        }
        case OUTLIERS -> {
          renderer.setSeriesPaint(i, new Color(0xd62728));
          renderer.setSeriesShape(i, new Ellipse2D.Double(-6, -6, 12, 12));
          renderer.setSeriesShapesFilled(i, false);
          renderer.setSeriesOutlineStroke(i, new BasicStroke(2f));
          renderer.setUseOutlinePaint(false);
          renderer.setDrawOutlines(true);
        }
        case EXCLUDED -> {
          renderer.setSeriesPaint(i, Color.GRAY);
          renderer.setSeriesShape(i, ShapeUtils.createDiagonalCross(5, 1.2f));
        }
        case ESTIMATE -> {
          // its diamond here (and in the legend); its interval by the error renderer, drawn after
          renderer.setSeriesPaint(i, Color.BLACK);
          renderer.setSeriesShape(i, ShapeUtils.createDiamond(8));
          YIntervalSeries e = new YIntervalSeries(s.name(), false, true);
          s.points().forEach(p -> e.add(p.x(), p.y(), Math.max(0, p.low()), p.high()));
          estimates.addSeries(e);
          estimate.setSeriesPaint(0, Color.BLACK);
          estimate.setSeriesShape(0, ShapeUtils.createDiamond(8));
          estimate.setSeriesVisibleInLegend(0, false);
        }
        default -> {
          renderer.setSeriesPaint(i, new Color(0x1f77b4));
          renderer.setSeriesShape(i, new Ellipse2D.Double(-5, -5, 10, 10));
        }
      }
    }
    XYPlot plot = new XYPlot(dataset, rows, value, renderer);
    plot.setDataset(1, estimates);
    plot.setRenderer(1, estimate);
    plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
    plot.setOrientation(PlotOrientation.HORIZONTAL);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(new Color(0xdddddd));
    plot.setRangeGridlinePaint(new Color(0xdddddd));
    return new JFreeChart(data.title(), JFreeChart.DEFAULT_TITLE_FONT, plot, true);
  }

  private static void fonts(org.jfree.chart.axis.Axis axis) {
    axis.setLabelFont(LABEL_FONT);
    axis.setTickLabelFont(TICK_FONT);
  }

  private static BasicStroke dashes(float width, float on, float off) {
    return new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {on, off}, 0f);
  }

  /** The y axis top: the highest point or interval end, plus room for labels. */
  private static double top(ChartData data) {
    double max = data.series().stream().flatMap(s -> s.points().stream())
        .mapToDouble(p -> Math.max(p.y(), p.high())).max().orElse(1);
    return max > 0 ? max * 1.08 : 1;
  }

  private static DecimalFormat plain(String pattern) {
    return new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT));
  }
}
