package io.poollab.regress;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How strict the regression check is, and how it confirms.
 *
 * <p>A figure is a regression candidate when it got worse by more than its threshold (the last
 * matching {@link ThresholdRule}, else {@code defaultThreshold}, raised to the figure's
 * between-run noise in the baseline; see {@link NoiseModel}) and there is evidence: the one-sided
 * Mann-Whitney U test on the per-round values gives {@code p < alpha}, or the bootstrap interval
 * of the change excludes zero. With {@code confirmRounds > 0} the check then measures the
 * candidates again in that many fresh interleaved rounds (at most {@code confirmTimeBox}) and
 * fails only on what the fresh rounds confirm. Without confirmation, a candidate fails only with
 * both the interval of the change beyond zero and a Holm-corrected {@code p < alpha}.
 *
 * <pre>{@code
 * CheckOptions opts = CheckOptions.DEFAULTS.withRulesBefore(List.of(ThresholdRule.parse("latency:*=25%")));
 * opts.thresholdFor("latency:p50:RoundTrip...");  // 0.25
 * }</pre>
 *
 * @param defaultThreshold threshold for figures no rule matches (0.05 = 5%)
 * @param rules per-figure thresholds; the last match wins, so later flags override earlier ones
 * @param alpha significance level, in (0, 1)
 * @param allowMissing when true a figure missing from the run is reported but does not fail
 * @param confirmRounds fresh rounds for candidates, 0 for none
 * @param confirmTimeBox the longest the confirmation may run (a round under way finishes)
 */
public record CheckOptions(
    double defaultThreshold,
    List<ThresholdRule> rules,
    double alpha,
    boolean allowMissing,
    int confirmRounds,
    Duration confirmTimeBox) {

  /**
   * The defaults: 5%, no rules, alpha 0.05, missing figures fail, 5 confirmation rounds within
   * 4 minutes. 5%: a pool that spends 10% more per item shows as a 9% lower speed-up at one worker.
   * Five fresh rounds: five against five (a direct comparison of two builds) can give p = 1/252,
   * three against three never below 1/20.
   */
  public static final CheckOptions DEFAULTS =
      new CheckOptions(0.05, List.of(), 0.05, false, 5, Duration.ofMinutes(4));

  /** Validates the numbers and copies the rules. */
  public CheckOptions {
    if (!(defaultThreshold >= 0.0) || !Double.isFinite(defaultThreshold)) {
      throw new IllegalArgumentException(
          "default threshold must be a non-negative fraction, got " + defaultThreshold);
    }
    if (!(alpha > 0.0 && alpha < 1.0)) {
      throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
    }
    if (confirmRounds < 0) {
      throw new IllegalArgumentException("confirm rounds must be >= 0, got " + confirmRounds);
    }
    Objects.requireNonNull(confirmTimeBox, "confirmTimeBox");
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
    List<ThresholdRule> all = new ArrayList<>(first);
    all.addAll(rules);
    return new CheckOptions(defaultThreshold, all, alpha, allowMissing, confirmRounds, confirmTimeBox);
  }

  /** These options with another number of confirmation rounds (0: none). */
  public CheckOptions withConfirmRounds(int rounds) {
    return new CheckOptions(defaultThreshold, rules, alpha, allowMissing, rounds, confirmTimeBox);
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
