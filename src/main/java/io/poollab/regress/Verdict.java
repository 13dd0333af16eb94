package io.poollab.regress;

import java.util.List;
import java.util.Objects;

/**
 * The whole answer of the regression check for one run: every figure compared (or every floor
 * checked), what the confirmation did, and the exit code that follows.
 *
 * <pre>{@code
 * Verdict v = Verdict.ofBaseline(run, "linux-x86_64-2c", baselineDir, comparisons, "");
 * System.exit(v.exitCode());   // 0 pass, 1 regression, 3 inconclusive
 * }</pre>
 *
 * @param run the run directory checked, as given
 * @param machineClass the run's machine class, e.g. {@code linux-x86_64-2c}
 * @param baseline the baseline directory compared with, or null when floors were used
 * @param comparisons figure-by-figure comparisons (empty when floors were used)
 * @param floors floor results (empty when a baseline was used)
 * @param confirmation what the confirmation did, in one line; empty when it did not run
 */
public record Verdict(
    String run,
    String machineClass,
    String baseline,
    List<FigureComparison> comparisons,
    List<FloorResult> floors,
    String confirmation) {

  /** The exit code of a pass. */
  public static final int PASS = 0;

  /** The exit code of a regression, a missing figure or a missed floor. */
  public static final int FAIL = 1;

  /**
   * The exit code when something looked regressed and fresh rounds could not settle it: the
   * machine was too disturbed to judge. CI reports it as a warning.
   */
  public static final int INCONCLUSIVE = 3;

  /** Validates and copies. */
  public Verdict {
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(machineClass, "machineClass");
    Objects.requireNonNull(confirmation, "confirmation");
    comparisons = List.copyOf(comparisons);
    floors = List.copyOf(floors);
    if (baseline == null && !comparisons.isEmpty()) {
      throw new IllegalArgumentException("comparisons need a baseline");
    }
  }

  /** A verdict against a stored baseline (or a reference build's fresh run). */
  public static Verdict ofBaseline(String run, String machineClass, String baseline,
      List<FigureComparison> comparisons, String confirmation) {
    return new Verdict(run, machineClass, Objects.requireNonNull(baseline), comparisons, List.of(), confirmation);
  }

  /** A verdict against the absolute floors (no baseline for this machine class). */
  public static Verdict ofFloors(String run, String machineClass, List<FloorResult> floors) {
    return new Verdict(run, machineClass, null, List.of(), floors, "");
  }

  /** Whether floors were used instead of a baseline. */
  public boolean usedFloors() {
    return baseline == null;
  }

  /** Comparisons with the given outcome. */
  public List<FigureComparison> with(Outcome outcome) {
    return comparisons.stream().filter(c -> c.outcome() == outcome).toList();
  }

  /** Whether anything failed the check. */
  public boolean failed() {
    return comparisons.stream().anyMatch(FigureComparison::fails)
        || floors.stream().anyMatch(FloorResult::fails);
  }

  /** Whether nothing failed but something could not be settled. */
  public boolean inconclusive() {
    return !failed() && !with(Outcome.INCONCLUSIVE).isEmpty();
  }

  /** {@link #FAIL}, else {@link #INCONCLUSIVE}, else {@link #PASS}. */
  public int exitCode() {
    return failed() ? FAIL : inconclusive() ? INCONCLUSIVE : PASS;
  }

  /** The verdict in one word. */
  public String word() {
    return failed() ? "FAIL" : inconclusive() ? "INCONCLUSIVE" : "PASS";
  }

  /**
   * A hint for a failure that only missing figures caused, or an empty string: a run filtered
   * with {@code --include}, {@code --workers} or {@code --chunksizes} measures fewer figures
   * than the baseline holds, which the check treats as lost unless told otherwise.
   */
  public String missingHint() {
    long missing = comparisons.stream()
        .filter(c -> c.outcome() == Outcome.MISSING && c.fails()).count();
    if (missing == 0) {
      return "";
    }
    return missing + " baseline figure" + (missing == 1 ? " is" : "s are")
        + " missing from the run; if the run was filtered on purpose (--include, --workers,"
        + " --chunksizes), check it with --allow-missing to compare only the figures it measured";
  }

  /** One line: the verdict with the counts. */
  public String headline() {
    if (usedFloors()) {
      long missed = floors.stream().filter(FloorResult::fails).count();
      long measured = floors.stream().filter(f -> f.outcome() != Outcome.NOT_MEASURED).count();
      return word() + ": no baseline for machine class " + machineClass
          + "; checked absolute floors instead: " + missed + " of " + measured + " measured floors missed";
    }
    StringBuilder sb = new StringBuilder(word()).append(": ")
        .append(with(Outcome.REGRESSED).size()).append(" regressed, ");
    if (!with(Outcome.INCONCLUSIVE).isEmpty()) {
      sb.append(with(Outcome.INCONCLUSIVE).size()).append(" inconclusive, ");
    }
    if (!with(Outcome.CLEARED).isEmpty()) {
      sb.append(with(Outcome.CLEARED).size()).append(" not confirmed, ");
    }
    return sb.append(with(Outcome.MISSING).size()).append(" missing, ")
        .append(with(Outcome.IMPROVED).size()).append(" improved, ")
        .append(with(Outcome.NOISE).size()).append(" within noise, ")
        .append(with(Outcome.UNCHANGED).size()).append(" unchanged, ")
        .append(with(Outcome.NEW).size()).append(" new (of ").append(comparisons.size())
        .append(" figures)").toString();
  }
}
