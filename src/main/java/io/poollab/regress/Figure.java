package io.poollab.regress;

import io.poollab.report.Bootstrap;
import io.poollab.report.Quality;
import java.util.List;
import java.util.Objects;

/**
 * One ratio measured in one run, with its rounds and its bootstrap interval: the unit the
 * regression check compares.
 *
 * <p>The key names the figure uniquely within a run and starts with the kind's prefix, e.g.
 * {@code speedup:WordJobBenchmark.hashAll:POOL_MAP:workers=2:chunksize=default:hashing=NEW_DIGEST}.
 * The estimate carries the per-round values (for the rank test) and the bootstrap replicates (for
 * the interval of a change); {@code configs} names the configurations that make it, so the check
 * can measure them again.
 *
 * <pre>{@code
 * Figure f = figures.get(0);
 * System.out.printf("%s = %.2f [%.2f, %.2f] over %d rounds%n", f.key(), f.value(), f.low(), f.high(), f.rounds());
 * }</pre>
 *
 * @param key unique name within a run, starting with {@code kind.prefix() + ":"}
 * @param kind what the figure measures
 * @param estimate the median over rounds, its interval, per-round values and replicates
 * @param quality the data behind it and its flags
 * @param configs the configuration keys it is computed from (the parallel one first)
 */
public record Figure(String key, FigureKind kind, Bootstrap.Estimate estimate, Quality quality,
    List<String> configs) {

  /** Validates and copies. */
  public Figure {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(estimate, "estimate");
    Objects.requireNonNull(quality, "quality");
    if (key == null || !key.startsWith(kind.prefix() + ":")) {
      throw new IllegalArgumentException(
          "figure key must start with '" + kind.prefix() + ":', got " + key);
    }
    if (!Double.isFinite(estimate.value())) {
      throw new IllegalArgumentException("figure " + key + ": value must be finite, got " + estimate.value());
    }
    configs = List.copyOf(configs);
  }

  /** The point estimate: the median over rounds. */
  public double value() {
    return estimate.value();
  }

  /** The interval's lower end (NaN when unknown). */
  public double low() {
    return estimate.low();
  }

  /** The interval's upper end (NaN when unknown). */
  public double high() {
    return estimate.high();
  }

  /** Whether the interval is known. */
  public boolean hasInterval() {
    return Double.isFinite(estimate.low()) && Double.isFinite(estimate.high());
  }

  /** The rounds it rests on. */
  public int rounds() {
    return estimate.rounds();
  }

  /** The per-round values (a copy). */
  public double[] perRound() {
    return estimate.perRound();
  }

  @Override
  public String toString() {
    return "Figure[" + key + "=" + value() + " [" + low() + ", " + high() + "], " + rounds() + " rounds]";
  }
}
