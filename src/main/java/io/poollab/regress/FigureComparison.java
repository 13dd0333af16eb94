package io.poollab.regress;

import java.util.Objects;

/**
 * One figure of the baseline set beside the same figure of the run, and the verdict on it.
 *
 * <pre>{@code
 * FigureComparison c = RegressionCheck.compare(baseline, run, CheckOptions.DEFAULTS).get(0);
 * c.outcome();    // e.g. Outcome.REGRESSED
 * c.worsening();  // 0.18: 18% worse than the baseline
 * }</pre>
 *
 * @param key the figure key
 * @param kind what it measures
 * @param baseline the baseline figure, or null when {@link Outcome#NEW}
 * @param current the run's figure, or null when {@link Outcome#MISSING}
 * @param threshold the threshold that applied (fraction, or absolute for {@link FigureKind#OVERHEAD})
 * @param worsening how much worse the run is (positive) or better (negative); NaN when one side is missing
 * @param intervalsApart whether both confidence intervals are known and do not overlap
 * @param pValue the Mann-Whitney two-sided p-value on the samples, or NaN when not computable
 * @param adjustedPValue {@code pValue} after Holm's correction over every figure of the check (the
 *     one compared with alpha), or NaN
 * @param outcome the verdict
 * @param allowed true when a failing outcome is tolerated (a missing figure under {@code --allow-missing})
 */
public record FigureComparison(
    String key,
    FigureKind kind,
    Figure baseline,
    Figure current,
    double threshold,
    double worsening,
    boolean intervalsApart,
    double pValue,
    double adjustedPValue,
    Outcome outcome,
    boolean allowed) {

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

  /** Why the change is not noise, in words: e.g. {@code CIs apart, p=0.003 (Holm 0.18)}. */
  public String evidence() {
    StringBuilder sb = new StringBuilder();
    if (intervalsApart) {
      sb.append("CIs apart");
    } else if (baseline != null && current != null
        && baseline.hasInterval() && current.hasInterval()) {
      sb.append("CIs overlap");
    }
    if (!Double.isNaN(pValue)) {
      if (!sb.isEmpty()) {
        sb.append(", ");
      }
      sb.append(String.format(java.util.Locale.ROOT, "p=%.3g", pValue));
      if (!Double.isNaN(adjustedPValue) && adjustedPValue != pValue) {
        sb.append(String.format(java.util.Locale.ROOT, " (Holm %.3g)", adjustedPValue));
      }
    }
    return sb.isEmpty() ? "-" : sb.toString();
  }
}
