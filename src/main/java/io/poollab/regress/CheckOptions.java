package io.poollab.regress;

import java.util.List;

/**
 * How strict the regression check is.
 *
 * <p>A figure regressed when it got worse by more than its threshold (the last matching {@link
 * ThresholdRule}, else {@code defaultThreshold}) <em>and</em> the change is not noise: the two
 * confidence intervals do not overlap, or the Mann-Whitney U test on the per-iteration samples
 * gives {@code p < alpha} after Holm's correction over every figure of the check ({@link Holm}).
 * Improvements are judged the same way.
 *
 * <pre>{@code
 * CheckOptions opts = new CheckOptions(0.10, List.of(ThresholdRule.parse("overhead:*=25%")), 0.05, false);
 * opts.thresholdFor("overhead:W.map:POOL_MAP:workers=2");  // 0.25
 * }</pre>
 *
 * @param defaultThreshold threshold for figures no rule matches (0.10 = 10%)
 * @param rules per-figure thresholds; the last match wins, so later flags override earlier ones
 * @param alpha family-wise significance level of the rank tests, in (0, 1)
 * @param allowMissing when true a figure missing from the run is reported but does not fail
 */
public record CheckOptions(
    double defaultThreshold, List<ThresholdRule> rules, double alpha, boolean allowMissing) {

  /** The defaults: 10%, no rules, p &lt; 0.05, missing figures fail. */
  public static final CheckOptions DEFAULTS = new CheckOptions(0.10, List.of(), 0.05, false);

  /** Validates the numbers and copies the rules. */
  public CheckOptions {
    if (!(defaultThreshold >= 0.0) || !Double.isFinite(defaultThreshold)) {
      throw new IllegalArgumentException(
          "default threshold must be a non-negative fraction, got " + defaultThreshold);
    }
    if (!(alpha > 0.0 && alpha < 1.0)) {
      throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
    }
    rules = List.copyOf(rules);
  }

  /**
   * These options with rules put before this set's own, so that this set's rules win over them
   * (the last match wins): a baseline's {@code thresholds.txt} under the command line's.
   *
   * @param first rules to try first
   * @return the options with {@code first} followed by these rules
   */
  public CheckOptions withRulesBefore(List<ThresholdRule> first) {
    if (first.isEmpty()) {
      return this;
    }
    List<ThresholdRule> all = new java.util.ArrayList<>(first);
    all.addAll(rules);
    return new CheckOptions(defaultThreshold, all, alpha, allowMissing);
  }

  /** The threshold that applies to a figure key. */
  public double thresholdFor(String key) {
    double t = defaultThreshold;
    for (ThresholdRule rule : rules) {
      if (rule.matches(key)) {
        t = rule.threshold();
      }
    }
    return t;
  }
}
