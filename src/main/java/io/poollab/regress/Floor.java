package io.poollab.regress;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An absolute lower (or upper) bound on a figure, used when no baseline exists for the machine
 * class. Several figures may match the glob; {@code best} says whether the best of them or every
 * one of them (the worst) must meet the bound.
 *
 * <pre>{@code
 * Floor f = new Floor("word job, best pool config, 2 workers",
 *     "speedup:*word*:POOL_*:workers=2:*", FigureKind.SPEEDUP, true, 1.5);
 * }</pre>
 *
 * @param name what the floor guards, in words
 * @param glob figure keys it applies to (case-insensitive glob, or {@code re:} regex)
 * @param kind the kind of every matching figure; decides whether the bound is a minimum or maximum
 * @param best true: the best matching figure must meet the bound; false: every one must
 * @param bound the minimum (higher-is-better kinds) or maximum (lower-is-better kinds)
 */
public record Floor(String name, String glob, FigureKind kind, boolean best, double bound) {

  /** Validates. */
  public Floor {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    if (glob == null || !glob.startsWith(kind.prefix() + ":")) {
      throw new IllegalArgumentException(
          "floor '" + name + "': glob must start with '" + kind.prefix() + ":', got " + glob);
    }
    if (!Double.isFinite(bound)) {
      throw new IllegalArgumentException("floor '" + name + "': bound must be finite");
    }
  }

  /** The compiled glob. */
  public Pattern pattern() {
    return ThresholdRule.compile(glob);
  }

  /** Whether {@code value} meets the bound. */
  public boolean isMetBy(double value) {
    return kind.higherIsBetter() ? value >= bound : value <= bound;
  }

  /** The bound in words, e.g. {@code >= 0.75}. */
  public String condition() {
    return (kind.higherIsBetter() ? ">= " : "<= ") + VerdictWriter.number(bound);
  }
}
