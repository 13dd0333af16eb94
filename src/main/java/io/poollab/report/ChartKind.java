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
  /** Lines over a base-2 logarithmic x axis (chunksize), error bars on y. */
  LOG_X,
  /**
   * Latency percentiles: x is {@code 1/(1-p)} on a log axis ticked 50%, 90%, 99%, 99.9%...; y is
   * the latency on a log axis.
   */
  PERCENTILE,
  /** Bars by category ({@link ChartData.Point#category()}), one bar per series, error bars. */
  BAR,
  /** Lines over categories (runs, oldest first), error bars. */
  TREND
}
