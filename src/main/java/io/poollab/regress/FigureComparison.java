package io.poollab.regress;

import java.util.Locale;
import java.util.Objects;

/**
 * One figure of the baseline beside the same figure of the run, and the verdict on it.
 *
 * <pre>{@code
 * FigureComparison c = RegressionCheck.compare(baseline, run, NoiseModel.NONE, CheckOptions.DEFAULTS, false).get(0);
 * c.outcome();    // e.g. Outcome.REGRESSED
 * c.worsening();  // 0.18: 18% worse than the baseline
 * }</pre>
 *
 * @param key the figure key
 * @param kind what it measures
 * @param baseline the baseline figure, or null when {@link Outcome#NEW}
 * @param current the run's figure, or null when {@link Outcome#MISSING}
 * @param threshold the threshold that applied: the configured one, raised to the noise
 * @param noise the figure's between-run noise in the baseline (0 when unknown)
 * @param worsening how much worse the run is (positive) or better (negative), a fraction of the
 *     baseline; NaN when one side is missing
 * @param worseningLow the lower end of the worsening's 95% bootstrap interval (NaN: unknown)
 * @param worseningHigh its upper end (NaN: unknown)
 * @param pValue the one-sided Mann-Whitney p-value on the per-round values, in the direction of
 *     the change; NaN when not computable
 * @param adjustedPValue {@code pValue} after Holm's correction over every figure tested, or NaN
 * @param outcome the verdict
 * @param allowed true when a failing outcome is tolerated (a missing figure under {@code --allow-missing})
 * @param confirmation what fresh rounds said about a candidate, or null when none were run for it
 */
public record FigureComparison(
    String key,
    FigureKind kind,
    Figure baseline,
    Figure current,
    double threshold,
    double noise,
    double worsening,
    double worseningLow,
    double worseningHigh,
    double pValue,
    double adjustedPValue,
    Outcome outcome,
    boolean allowed,
    Confirmed confirmation) {

  /** Validates that the sides present fit the outcome. */
  public FigureComparison {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(outcome, "outcome");
    if (baseline == null && current == null) {
      throw new IllegalArgumentException("comparison of " + key + " needs at least one side");
    }
    if ((baseline == null) != (outcome == Outcome.NEW)
        || (current == null) != (outcome == Outcome.MISSING)) {
      throw new IllegalArgumentException(
          "comparison of " + key + ": outcome " + outcome + " does not fit the sides present");
    }
  }

  /** Whether this comparison fails the check. */
  public boolean fails() {
    return outcome.fails() && !allowed;
  }

  /** This comparison with the verdict of its confirmation. */
  public FigureComparison confirmed(Outcome verdict, Confirmed c) {
    return new FigureComparison(key, kind, baseline, current, threshold, noise, worsening,
        worseningLow, worseningHigh, pValue, adjustedPValue, verdict, allowed, c);
  }

  /** The evidence in words: e.g. {@code change [-14%, -6%], p=0.004 (Holm 0.09)}. */
  public String evidence() {
    StringBuilder sb = new StringBuilder();
    if (Double.isFinite(worseningLow) && Double.isFinite(worseningHigh)) {
      // the change of the value itself: down is worse for a speed-up, up for a latency
      double lo = kind.higherIsBetter() ? -worseningHigh : worseningLow;
      double hi = kind.higherIsBetter() ? -worseningLow : worseningHigh;
      sb.append(String.format(Locale.ROOT, "change [%+.1f%%, %+.1f%%]", 100 * lo, 100 * hi));
    }
    if (!Double.isNaN(pValue)) {
      if (!sb.isEmpty()) {
        sb.append(", ");
      }
      sb.append(String.format(Locale.ROOT, "p=%.3g", pValue));
      if (!Double.isNaN(adjustedPValue) && adjustedPValue != pValue) {
        sb.append(String.format(Locale.ROOT, " (Holm %.3g)", adjustedPValue));
      }
    }
    if (confirmation != null) {
      sb.append(sb.isEmpty() ? "" : "; ").append(confirmation.describe());
    }
    return sb.isEmpty() ? "-" : sb.toString();
  }

  /**
   * What fresh rounds measured for a regression candidate.
   *
   * @param rounds clean rounds measured
   * @param value the figure's value in them
   * @param worsening the worsening of that value against the baseline
   * @param pValue the one-sided Mann-Whitney p of the fresh rounds against the baseline's (or the
   *     reference build's fresh rounds)
   * @param bound the p the test had to beat (alpha over the candidates)
   */
  public record Confirmed(int rounds, double value, double worsening, double pValue, double bound) {
    /** In words, e.g. {@code 5 fresh rounds: -9.8%, p=0.0004 < 0.025}. */
    public String describe() {
      if (rounds == 0) {
        return "no clean fresh round";
      }
      return String.format(Locale.ROOT, "%d fresh rounds: %.1f%% %s, p=%.2g %s %.2g",
          rounds, 100 * Math.abs(worsening), worsening >= 0 ? "worse" : "better", pValue,
          pValue < bound ? "<" : ">=", bound);
    }
  }
}
