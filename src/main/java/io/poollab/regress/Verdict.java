package io.poollab.regress;

import java.util.List;
import java.util.Objects;

/**
 * The whole answer of the regression check for one run: every figure compared (or every floor
 * checked), and the exit code that follows.
 *
 * <pre>{@code
 * Verdict v = Verdict.ofBaseline(run, "linux-x86_64-2c", baselineDir, comparisons);
 * System.exit(v.exitCode());   // 0 nothing regressed, 1 regression
 * }</pre>
 *
 * @param run the run directory checked, as given
 * @param machineClass the run's machine class, e.g. {@code linux-x86_64-2c}
 * @param baseline the baseline directory compared with, or null when floors were used
 * @param comparisons figure-by-figure comparisons (empty when floors were used)
 * @param floors floor results (empty when a baseline was used)
 */
public record Verdict(
    String run,
    String machineClass,
    String baseline,
    List<FigureComparison> comparisons,
    List<FloorResult> floors) {

  /** Validates and copies. */
  public Verdict {
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(machineClass, "machineClass");
    comparisons = List.copyOf(comparisons);
    floors = List.copyOf(floors);
    if (baseline == null && !comparisons.isEmpty()) {
      throw new IllegalArgumentException("comparisons need a baseline");
    }
  }

  /** A verdict against a stored baseline. */
  public static Verdict ofBaseline(
      String run, String machineClass, String baseline, List<FigureComparison> comparisons) {
    return new Verdict(run, machineClass, Objects.requireNonNull(baseline), comparisons, List.of());
  }

  /** A verdict against the absolute floors (no baseline for this machine class). */
  public static Verdict ofFloors(String run, String machineClass, List<FloorResult> floors) {
    return new Verdict(run, machineClass, null, List.of(), floors);
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

  /** 0 when nothing regressed, 1 otherwise. */
  public int exitCode() {
    return failed() ? 1 : 0;
  }

  /** One line: PASS or FAIL with the counts. */
  public String headline() {
    if (usedFloors()) {
      long missed = floors.stream().filter(FloorResult::fails).count();
      long measured = floors.stream().filter(f -> f.outcome() != Outcome.NOT_MEASURED).count();
      return (failed() ? "FAIL" : "PASS") + ": no baseline for machine class " + machineClass
          + "; checked absolute floors instead: " + missed + " of " + measured + " measured floors missed";
    }
    return (failed() ? "FAIL" : "PASS") + ": " + with(Outcome.REGRESSED).size() + " regressed, "
        + with(Outcome.MISSING).size() + " missing, " + with(Outcome.IMPROVED).size()
        + " improved, " + with(Outcome.NOISE).size() + " within noise, "
        + with(Outcome.UNCHANGED).size() + " unchanged, " + with(Outcome.NEW).size()
        + " new (of " + comparisons.size() + " figures)";
  }
}
