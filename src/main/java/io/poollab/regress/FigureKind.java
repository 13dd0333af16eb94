package io.poollab.regress;

import java.util.Locale;

/**
 * What a {@link Figure} measures, which way is better, and how a change of it is measured.
 *
 * <p>Every kind is a ratio inside one run, so it survives a change of machine speed between the
 * baseline and the run under test.
 *
 * <pre>{@code
 * FigureKind kind = FigureKind.fromPrefix("speedup");   // SPEEDUP
 * double worse = kind.worsening(1.8, 1.5);              // 0.1667: a 16.7% drop
 * }</pre>
 */
public enum FigureKind {
  /** Serial time / parallel time, measured in the same run. Higher is better. */
  SPEEDUP("speedup", true, false),
  /** Speed-up / workers. Higher is better; 1.0 is linear scaling. */
  EFFICIENCY("efficiency", true, false),
  /**
   * The pool's extra CPU time per item in units of the serial per-item time:
   * {@code (parallelTime * workers - serialTime) / serialTime}. Lower is better. It sits near
   * zero, so a change of it is the absolute difference, not a relative one.
   */
  OVERHEAD("overhead", false, true),
  /** A latency percentile divided by the serial per-item time. Lower is better. */
  LATENCY("latency", false, false);

  private final String prefix;
  private final boolean higherIsBetter;
  private final boolean absoluteChange;

  FigureKind(String prefix, boolean higherIsBetter, boolean absoluteChange) {
    this.prefix = prefix;
    this.higherIsBetter = higherIsBetter;
    this.absoluteChange = absoluteChange;
  }

  /** The first segment of every figure key of this kind, e.g. {@code speedup}. */
  public String prefix() {
    return prefix;
  }

  /** Whether a larger value is an improvement. */
  public boolean higherIsBetter() {
    return higherIsBetter;
  }

  /** Whether changes are absolute differences ({@code true}) or fractions of the baseline. */
  public boolean absoluteChange() {
    return absoluteChange;
  }

  /**
   * How much worse {@code current} is than {@code baseline}: positive means worse, negative
   * better. A fraction of the baseline (0.1 = 10% worse) or, for {@link #absoluteChange()} kinds,
   * the plain difference in the figure's own unit.
   *
   * @param baseline the baseline value
   * @param current the value under test
   * @return the worsening; NaN when a relative change has a zero baseline
   */
  public double worsening(double baseline, double current) {
    double diff = higherIsBetter ? baseline - current : current - baseline;
    if (absoluteChange) {
      return diff;
    }
    return baseline == 0.0 ? Double.NaN : diff / Math.abs(baseline);
  }

  /**
   * The kind whose {@link #prefix()} is {@code prefix}.
   *
   * @param prefix e.g. {@code speedup}
   * @return the kind
   * @throws IllegalArgumentException naming the allowed prefixes
   */
  public static FigureKind fromPrefix(String prefix) {
    for (FigureKind kind : values()) {
      if (kind.prefix.equals(prefix.toLowerCase(Locale.ROOT))) {
        return kind;
      }
    }
    throw new IllegalArgumentException(
        "unknown figure kind '" + prefix + "'; allowed: speedup, efficiency, overhead, latency");
  }
}
