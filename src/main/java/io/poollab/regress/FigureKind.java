package io.poollab.regress;

import java.util.Locale;

/**
 * What a {@link Figure} measures and which way is better.
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
  /** Serial time / parallel time, paired round by round. Higher is better. */
  SPEEDUP("speedup", true),
  /** A latency percentile divided by the serial per-item time of the same round. Lower is better. */
  LATENCY("latency", false);

  private final String prefix;
  private final boolean higherIsBetter;

  FigureKind(String prefix, boolean higherIsBetter) {
    this.prefix = prefix;
    this.higherIsBetter = higherIsBetter;
  }

  /** The first segment of every figure key of this kind, e.g. {@code speedup}. */
  public String prefix() {
    return prefix;
  }

  /** Whether a larger value is an improvement. */
  public boolean higherIsBetter() {
    return higherIsBetter;
  }

  /**
   * How much worse {@code current} is than {@code baseline}, as a fraction of the baseline:
   * positive means worse (0.1 = 10% worse), negative better.
   *
   * @param baseline the baseline value
   * @param current the value under test
   * @return the worsening; NaN when the baseline is zero or either value is not finite
   */
  public double worsening(double baseline, double current) {
    if (baseline == 0.0 || !Double.isFinite(baseline) || !Double.isFinite(current)) {
      return Double.NaN;
    }
    double diff = higherIsBetter ? baseline - current : current - baseline;
    return diff / Math.abs(baseline);
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
        "unknown figure kind '" + prefix + "'; allowed: speedup, latency");
  }
}
