package io.poollab.regress;

/**
 * What the check concluded about one figure or floor.
 *
 * <pre>{@code
 * Outcome.REGRESSED.fails();      // true
 * Outcome.NOISE.fails();          // false: moved past the threshold, but not beyond the noise
 * Outcome.INCONCLUSIVE.fails();   // false, but the check's exit code says so (3)
 * }</pre>
 */
public enum Outcome {
  /** Moved by less than its threshold. */
  UNCHANGED("unchanged", false),
  /** Moved by more than its threshold, but without evidence that it is more than noise. */
  NOISE("within noise", false),
  /** Worse by more than its threshold, with evidence, and (when the check could) confirmed by fresh rounds. */
  REGRESSED("REGRESSED", true),
  /** Looked regressed in the run, but fresh rounds measured it within its threshold. */
  CLEARED("not confirmed", false),
  /** Looked regressed, and fresh rounds could not settle it (the machine stayed disturbed, or the evidence stayed weak). */
  INCONCLUSIVE("INCONCLUSIVE", false),
  /** Better by more than its threshold, with evidence, and not flagged. */
  IMPROVED("improved", false),
  /** In the baseline, not in the run: a configuration stopped running or failed. */
  MISSING("MISSING in run", true),
  /** In the run, not in the baseline: reported only; update the baseline to check it. */
  NEW("new (no baseline)", false),
  /** An absolute floor that the run meets. */
  FLOOR_MET("meets floor", false),
  /** An absolute floor that the run misses. */
  FLOOR_MISSED("BELOW FLOOR", true),
  /** An absolute floor with no matching figure in the run. */
  NOT_MEASURED("not measured", false);

  private final String label;
  private final boolean fails;

  Outcome(String label, boolean fails) {
    this.label = label;
    this.fails = fails;
  }

  /** The word printed in tables. */
  public String label() {
    return label;
  }

  /** Whether this outcome fails the check (exit code 1). */
  public boolean fails() {
    return fails;
  }
}
