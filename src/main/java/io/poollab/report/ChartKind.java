package io.poollab.report;

/**
 * How a {@link ChartData} is drawn.
 *
 * <pre>{@code
 * if (chart.kind() == ChartKind.LOG_X) { ... }
 * }</pre>
 */
public enum ChartKind {
  /** Lines over a linear x axis (workers), error bars on y. */
  LINE,
  /** Lines over a base-2 logarithmic x axis, error bars on y. */
  LOG_X,
  /**
   * Latency percentiles: x is {@code 1/(1-p)} on a log axis ticked 50%, 90%, 99%, 99.9%...; y is
   * the latency on a log axis.
   */
  PERCENTILE,
  /** Bars by category ({@link ChartData.Point#category()}), one bar per series, error bars. */
  BAR,
  /** Lines over categories (runs, oldest first), error bars. */
  TREND,
  /**
   * Lines over ordered categories that are values, not a scale: chunksizes {@code 1, 100, 1000,
   * default}, each tick at a value measured, {@code default} (adaptive) last.
   */
  CATEGORY_LINE,
  /**
   * A strip chart, drawn on its side: one row per category ({@link ChartData#categories()}), one
   * dot per round along the value axis (x is the row index plus a small offset so equal rounds
   * stay visible), the estimate and its interval marked, outliers and rounds left out drawn
   * differently (see {@link ChartData.Style}).
   */
  STRIP
}
