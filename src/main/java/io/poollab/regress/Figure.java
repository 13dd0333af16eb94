package io.poollab.regress;

import java.util.Arrays;
import java.util.Objects;

/**
 * One ratio measured inside one run, with its uncertainty: the unit the regression check compares.
 *
 * <p>The key names the figure uniquely within a run and starts with the kind's prefix, e.g.
 * {@code speedup:WordsBench.map:POOL_MAP:workers=2:chunksize=default}. The confidence interval
 * may be unknown (both bounds NaN), for example when JMH measured a single iteration; the
 * samples are the per-iteration values of the figure (possibly empty) that the rank test uses.
 *
 * <pre>{@code
 * Figure f = new Figure("speedup:W.map:POOL_MAP:workers=2", FigureKind.SPEEDUP,
 *     1.9, 1.85, 1.95, new double[] {1.88, 1.91, 1.92});
 * }</pre>
 *
 * @param key unique name within a run, starting with {@code kind.prefix() + ":"}
 * @param kind what the figure measures
 * @param value the point estimate (finite)
 * @param ciLow lower confidence bound, or NaN when unknown
 * @param ciHigh upper confidence bound, or NaN when unknown
 * @param samples per-iteration values (finite; copied, may be empty)
 */
public record Figure(
    String key, FigureKind kind, double value, double ciLow, double ciHigh, double[] samples) {

  /** Validates and copies the samples. */
  public Figure {
    Objects.requireNonNull(kind, "kind");
    if (key == null || !key.startsWith(kind.prefix() + ":")) {
      throw new IllegalArgumentException(
          "figure key must start with '" + kind.prefix() + ":', got " + key);
    }
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("figure " + key + ": value must be finite, got " + value);
    }
    if (Double.isNaN(ciLow) != Double.isNaN(ciHigh)) {
      throw new IllegalArgumentException(
          "figure " + key + ": confidence bounds must both be known or both NaN");
    }
    if (!Double.isNaN(ciLow) && ciLow > ciHigh) {
      throw new IllegalArgumentException(
          "figure " + key + ": ciLow " + ciLow + " is above ciHigh " + ciHigh);
    }
    samples = samples == null ? new double[0] : samples.clone();
    for (double s : samples) {
      if (!Double.isFinite(s)) {
        throw new IllegalArgumentException("figure " + key + ": samples must be finite, got " + s);
      }
    }
  }

  /** A figure without a confidence interval or samples. */
  public static Figure point(String key, FigureKind kind, double value) {
    return new Figure(key, kind, value, Double.NaN, Double.NaN, new double[0]);
  }

  /** Whether the confidence interval is known. */
  public boolean hasInterval() {
    return !Double.isNaN(ciLow);
  }

  /** The per-iteration values (a copy). */
  @Override
  public double[] samples() {
    return samples.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Figure f
        && key.equals(f.key)
        && kind == f.kind
        && Double.compare(value, f.value) == 0
        && Double.compare(ciLow, f.ciLow) == 0
        && Double.compare(ciHigh, f.ciHigh) == 0
        && Arrays.equals(samples, f.samples);
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, kind, value, ciLow, ciHigh, Arrays.hashCode(samples));
  }

  @Override
  public String toString() {
    return "Figure[" + key + "=" + value + " [" + ciLow + ", " + ciHigh + "], n=" + samples.length
        + "]";
  }
}
