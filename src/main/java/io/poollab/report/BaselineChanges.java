package io.poollab.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A run against the committed baseline of its machine class ({@code reports/baseline/<class>/}),
 * for the page's "Change vs baseline" section: the figures both have, benchstat-style, and what
 * could not be compared. Computed by the {@code report} command with the regression check's own
 * first stage and handed in as plain data; only {@code check} confirms a regression with fresh
 * rounds, and the section says so.
 *
 * <pre>{@code
 * BaselineChanges none = BaselineChanges.noBaseline("linux-amd64-2c", "reports/baseline/linux-amd64-2c",
 *     "./run-benchmarks.sh check reports/20260101-120000");
 * String html = RunPage.render(run, charts, svgs, none);
 * }</pre>
 *
 * @param looked whether a baseline was looked for at all (false: the section is left out)
 * @param machineClass the run's machine class
 * @param baselineDir the baseline folder looked in
 * @param found whether a baseline was there and could be compared
 * @param rows the figures of both sides, in key order
 * @param onlyInBaseline figures of the baseline this run did not measure
 * @param onlyInRun figures of this run the baseline lacks
 * @param note why nothing was compared, or what the comparison should be read with; may be empty
 * @param checkCommand the command that gives the confirmed verdict
 */
public record BaselineChanges(boolean looked, String machineClass, String baselineDir, boolean found,
    List<BaselineChange> rows, int onlyInBaseline, int onlyInRun, String note, String checkCommand) {

  /** Nothing looked for: a page rendered without the reports folder. */
  public static final BaselineChanges NOT_LOOKED =
      new BaselineChanges(false, "", "", false, List.of(), 0, 0, "", "");

  /** Checks and copies. */
  public BaselineChanges {
    Objects.requireNonNull(machineClass, "machineClass");
    Objects.requireNonNull(baselineDir, "baselineDir");
    Objects.requireNonNull(note, "note");
    Objects.requireNonNull(checkCommand, "checkCommand");
    rows = List.copyOf(rows);
  }

  /**
   * No baseline folder for the machine class.
   *
   * @param machineClass the run's machine class
   * @param baselineDir where it was looked for
   * @param checkCommand the check's command line for this run
   * @return the answer
   */
  public static BaselineChanges noBaseline(String machineClass, String baselineDir, String checkCommand) {
    return new BaselineChanges(true, machineClass, baselineDir, false, List.of(), 0, 0,
        "No committed baseline for machine class " + machineClass + " (looked in " + baselineDir
            + "), so nothing is compared.", checkCommand);
  }

  /**
   * A baseline that could not be compared, with the reason.
   *
   * @param machineClass the run's machine class
   * @param baselineDir the baseline folder
   * @param why what went wrong
   * @param checkCommand the check's command line for this run
   * @return the answer
   */
  public static BaselineChanges failed(String machineClass, String baselineDir, String why, String checkCommand) {
    return new BaselineChanges(true, machineClass, baselineDir, false, List.of(), 0, 0,
        "The baseline in " + baselineDir + " could not be compared: " + why, checkCommand);
  }

  /**
   * The table: figure, baseline and this run (estimate [interval]), change with its interval
   * ({@code ~} within noise) and the first stage's word.
   *
   * @return the table (no rows when nothing was compared)
   */
  public Table table() {
    List<List<String>> out = new ArrayList<>();
    for (BaselineChange c : rows) {
      out.add(List.of(c.figure(), estimate(c.baseValue(), c.baseLow(), c.baseHigh()),
          estimate(c.value(), c.low(), c.high()), c.changeText(), c.call().word()));
    }
    return new Table("baseline", "Change vs baseline (" + machineClass + ")",
        List.of("figure", "baseline", "this run", "change [95% interval]", "verdict"), out);
  }

  /**
   * What the table rests on and where the confirmed verdict comes from, one line each.
   *
   * @return the lines
   */
  public List<String> lines() {
    List<String> out = new ArrayList<>();
    if (!note.isEmpty()) {
      out.add(note);
    }
    if (found) {
      long regressed = rows.stream().filter(c -> c.call() == BaselineChange.Call.REGRESSED).count();
      long improved = rows.stream().filter(c -> c.call() == BaselineChange.Call.IMPROVED).count();
      out.add(String.format(Locale.ROOT, "%d figure(s) compared with %s: %d regressed?, %d improved, %d ~."
              + " \"~\": within its threshold, or beyond it without evidence (noise); \"regressed?\": worse"
              + " beyond its threshold with some evidence in this run (a rank test over rounds, or the"
              + " change's interval beyond zero), which the check measures again before it fails;"
              + " \"improved\": better beyond its threshold with strong evidence.",
          rows.size(), baselineDir, regressed, improved, rows.size() - regressed - improved));
      if (onlyInBaseline > 0 || onlyInRun > 0) {
        out.add(onlyInBaseline + " figure(s) of the baseline were not measured in this run; " + onlyInRun
            + " figure(s) of this run have no baseline.");
      }
    }
    if (!checkCommand.isEmpty()) {
      out.add("For the confirmed verdict (fresh interleaved rounds for what looks regressed): "
          + checkCommand);
    }
    return out;
  }

  /** {@code 1.86 [1.78, 1.93]}; three significant digits, since latency ratios run to hundreds. */
  static String estimate(double value, double low, double high) {
    String v = num(value);
    return Double.isFinite(low) && Double.isFinite(high) ? v + " [" + num(low) + ", " + num(high) + "]" : v;
  }

  private static String num(double v) {
    if (!Double.isFinite(v)) {
      return "NaN";
    }
    return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%.0f", v)
        : Math.abs(v) >= 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.2f", v);
  }
}
