package io.poollab.report;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The data one chart draws: what tests check (not pixels) and what {@link ChartRenderer} turns
 * into SVG and PNG.
 *
 * <pre>{@code
 * ChartSet set = Charts.forRun(run);
 * for (ChartData c : set.charts()) System.out.println(c.toText());
 * }</pre>
 *
 * @param id a file-name-safe id, unique within a page ({@code speedup-workers-1})
 * @param title the chart's title
 * @param kind how it is drawn
 * @param xLabel the x axis label
 * @param yLabel the y axis label
 * @param series the lines or bar series, at least one with a point
 * @param categories for the category kinds ({@link ChartKind#BAR}, {@link ChartKind#TREND},
 *     {@link ChartKind#CATEGORY_LINE}, {@link ChartKind#STRIP}): every category in axis order,
 *     including ones no series has a point for (a run without the job shows as a gap); empty:
 *     the categories of the points
 */
public record ChartData(
    String id, String title, ChartKind kind, String xLabel, String yLabel, List<Series> series,
    List<String> categories) {

  /**
   * A chart whose categories (if any) are those of its points.
   *
   * @param id the id
   * @param title the title
   * @param kind how it is drawn
   * @param xLabel the x axis label
   * @param yLabel the y axis label
   * @param series the series
   */
  public ChartData(String id, String title, ChartKind kind, String xLabel, String yLabel, List<Series> series) {
    this(id, title, kind, xLabel, yLabel, series, List.of());
  }

  /** Checks the fields and copies the series. */
  public ChartData {
    Objects.requireNonNull(id, "id");
    if (!id.matches("[a-z0-9-]+")) {
      throw new IllegalArgumentException("id must match [a-z0-9-]+, was '" + id + "'");
    }
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(xLabel, "xLabel");
    Objects.requireNonNull(yLabel, "yLabel");
    series = List.copyOf(series);
    categories = List.copyOf(categories);
    if (series.stream().allMatch(s -> s.points().isEmpty())) {
      throw new IllegalArgumentException("chart '" + id + "' has no points; skip it instead");
    }
  }

  /**
   * A deterministic text form (fixed locale, 4 decimals) for golden-file tests.
   *
   * @return one line for the chart, then one per series and point
   */
  public String toText() {
    StringBuilder sb = new StringBuilder();
    sb.append("chart ").append(id).append(" [").append(kind).append("] ").append(title)
        .append(" | x: ").append(xLabel).append(" | y: ").append(yLabel).append('\n');
    if (!categories.isEmpty()) {
      sb.append("  categories ").append(String.join(", ", categories)).append('\n');
    }
    for (Series s : series) {
      sb.append("  series ").append(s.name())
          .append(s.style() == Style.LINE ? "" : " (" + s.style().name().toLowerCase(Locale.ROOT) + ")")
          .append('\n');
      for (Point p : s.points()) {
        sb.append("    ");
        if (!p.category().isEmpty()) {
          sb.append(p.category()).append(' ');
        }
        sb.append(String.format(Locale.ROOT, "x=%.4f y=%.4f [%.4f, %.4f]%n", p.x(), p.y(), p.low(), p.high()));
      }
    }
    return sb.toString();
  }

  /**
   * How a series is drawn. Most are lines; the rest let a chart say what a point is without a
   * legend entry per point: a reference that has no place on the x axis, a round's dot, an
   * outlier.
   */
  public enum Style {
    /** A line through the points with markers and error bars. */
    LINE,
    /** A grey dashed line (the ideal speed-up). */
    DASHED,
    /**
     * A horizontal line across the whole chart at the points' y, for a result that has no x (one
     * virtual thread per task has no worker count): drawn dotted in colour, never as a point.
     */
    REFERENCE,
    /** Markers only, no line: one per round in a strip chart. */
    DOTS,
    /** Hollow markers, no line: rounds outside Tukey's fences. */
    OUTLIERS,
    /** Grey crosses, no line: rounds the estimate left out (the canary judged them disturbed). */
    EXCLUDED,
    /** A large marker with its interval, no line: the estimate of a strip chart's category. */
    ESTIMATE
  }

  /**
   * One line (or one bar series, or one kind of mark).
   *
   * @param name the legend text
   * @param style how it is drawn
   * @param points its points, in drawing order
   */
  public record Series(String name, Style style, List<Point> points) {

    /** Checks the fields and copies the points. */
    public Series {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(style, "style");
      points = List.copyOf(points);
    }

    /**
     * A line, or a dashed reference line.
     *
     * @param name the legend text
     * @param dashed whether drawn as a grey dashed line
     * @param points the points
     */
    public Series(String name, boolean dashed, List<Point> points) {
      this(name, dashed ? Style.DASHED : Style.LINE, points);
    }

    /**
     * Whether drawn as a grey dashed line.
     *
     * @return true for {@link Style#DASHED}
     */
    public boolean dashed() {
      return style == Style.DASHED;
    }
  }

  /**
   * One point with its interval.
   *
   * @param category the category ({@link ChartKind#BAR}, {@link ChartKind#TREND}); {@code ""}
   *     for x/y charts
   * @param x the x value (for category charts: the category's index)
   * @param y the y value, finite
   * @param low the interval's low end ({@code y} when there is no error)
   * @param high the interval's high end
   */
  public record Point(String category, double x, double y, double low, double high) {

    /** Checks that the point can be drawn. */
    public Point {
      Objects.requireNonNull(category, "category");
      if (!Double.isFinite(x) || !Double.isFinite(y)) {
        throw new IllegalArgumentException("point must be finite, was x=" + x + " y=" + y);
      }
      if (!Double.isFinite(low) || !Double.isFinite(high)) {
        low = y;
        high = y;
      }
    }

    /**
     * A point whose interval is {@code y ± error} (no interval when the error is not finite).
     *
     * @param x the x value
     * @param y the y value
     * @param error the half-width
     * @return the point
     */
    public static Point of(double x, double y, double error) {
      return Double.isFinite(error) ? new Point("", x, y, y - error, y + error) : new Point("", x, y, y, y);
    }

    /**
     * A category point whose interval is {@code y ± error}.
     *
     * @param category the category
     * @param index the category's index
     * @param y the value
     * @param error the half-width
     * @return the point
     */
    public static Point of(String category, int index, double y, double error) {
      return Double.isFinite(error)
          ? new Point(category, index, y, y - error, y + error)
          : new Point(category, index, y, y, y);
    }
  }
}
