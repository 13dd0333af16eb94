package io.poollab.report;

/**
 * Why a figure is not fit for a headline or a recommendation. Flags are said out loud next to the
 * figure; a flagged figure never makes a headline, a recommendation or the check's evidence of an
 * improvement.
 *
 * <pre>{@code
 * if (speedUp.quality().flags().contains(QualityFlag.NOISY)) { ... }
 * }</pre>
 */
public enum QualityFlag {
  /** Its interval is wider than ±10% of the estimate. */
  NOISY("noisy", "its 95% interval is wider than ±10% of the estimate"),
  /**
   * Faster than the machine allows: an efficiency above 100% beyond its interval, or a CPU-bound
   * job faster than the cores would allow. Something other than the pool made the difference.
   */
  SUSPECT("suspect", "faster than its workers (or the machine's cores) allow, beyond its interval"),
  /** The first measured iterations ran slower than the rest in most forks: warm-up too short. */
  NOT_WARMED_UP("not warmed up", "the first measured iteration was slower than the rest in most forks"),
  /** Rounds the canary judged disturbed had to be used (fewer than two clean rounds). */
  DISTURBED("disturbed", "measured while other processes or the hypervisor took CPU"),
  /** Only one round: no run-to-run variation is in its interval. */
  ONE_ROUND("one round", "measured in one round only, so its interval leaves out run-to-run variation");

  private final String label;
  private final String why;

  QualityFlag(String label, String why) {
    this.label = label;
    this.why = why;
  }

  /** The short word shown in tables, e.g. {@code noisy}. */
  public String label() {
    return label;
  }

  /** The reason in words, for notes. */
  public String why() {
    return why;
  }
}
