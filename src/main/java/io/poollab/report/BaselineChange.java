package io.poollab.report;

import java.util.Objects;

/**
 * One figure of a run beside the same figure of the committed baseline of its machine class, as
 * the regression check's first stage sees it, handed to the page as plain data (the report does
 * not depend on the check: the {@code report} command computes these and passes them in).
 *
 * <pre>{@code
 * BaselineChange c = new BaselineChange("speedup:WordJobBenchmark.hashAll:POOL_MAP:workers=2:chunksize=default",
 *     1.90, 1.85, 1.95, 1.52, 1.48, 1.57, -0.20, -0.24, -0.16, BaselineChange.Call.REGRESSED);
 * c.changeText();   // "-20.0% [-24.0%, -16.0%]"
 * }</pre>
 *
 * @param figure the figure key, e.g. {@code speedup:WordJobBenchmark.hashAll:POOL_MAP:workers=2:...}
 * @param baseValue the baseline's estimate
 * @param baseLow its interval's lower end (NaN: unknown)
 * @param baseHigh its upper end (NaN: unknown)
 * @param value this run's estimate
 * @param low its interval's lower end (NaN: unknown)
 * @param high its upper end (NaN: unknown)
 * @param change the relative change of the value, {@code value / baseValue - 1} (up is up,
 *     whichever way is better)
 * @param changeLow the lower end of the change's 95% interval (NaN: unknown)
 * @param changeHigh its upper end (NaN: unknown)
 * @param call what the check's first stage says, before any confirmation
 */
public record BaselineChange(String figure, double baseValue, double baseLow, double baseHigh,
    double value, double low, double high, double change, double changeLow, double changeHigh, Call call) {

  /** What the check's first stage makes of a figure, without fresh rounds to confirm it. */
  public enum Call {
    /** Within its threshold, or beyond it without evidence: no change that can be told from noise. */
    SAME("~"),
    /** Worse beyond its threshold with evidence; only fresh rounds ({@code check}) confirm it. */
    REGRESSED("regressed?"),
    /** Better beyond its threshold with evidence, and not flagged. */
    IMPROVED("improved");

    private final String word;

    Call(String word) {
      this.word = word;
    }

    /** The word shown in the table: {@code ~}, {@code regressed?} or {@code improved}. */
    public String word() {
      return word;
    }
  }

  /** Checks the fields. */
  public BaselineChange {
    Objects.requireNonNull(figure, "figure");
    Objects.requireNonNull(call, "call");
  }

  /**
   * The change for the table: {@code -20.0% [-24.0%, -16.0%]}, or, within noise, the same after
   * {@code ~ }, so the reader sees how far it moved and that this is not told from noise.
   *
   * @return the text
   */
  public String changeText() {
    String pct = Double.isFinite(change) ? String.format(java.util.Locale.ROOT, "%+.1f%%", 100 * change) : "n/a";
    if (Double.isFinite(changeLow) && Double.isFinite(changeHigh)) {
      pct += String.format(java.util.Locale.ROOT, " [%+.1f%%, %+.1f%%]", 100 * changeLow, 100 * changeHigh);
    }
    return call == Call.SAME ? "~ (" + pct + ")" : pct;
  }
}
