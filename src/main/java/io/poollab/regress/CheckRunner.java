package io.poollab.regress;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The whole check of one run: read it, find its baseline (given, or the one of its machine
 * class), compare, or fall back to the absolute floors when there is no baseline.
 *
 * <pre>{@code
 * CheckRunner.Outcome o = CheckRunner.check(Path.of("reports/20260101-120000"), null,
 *     Path.of("reports"), CheckOptions.DEFAULTS);
 * o.warnings().forEach(System.err::println);
 * System.exit(o.verdict().exitCode());
 * }</pre>
 */
public final class CheckRunner {

  /**
   * Below this many samples a side the two-sided rank test cannot reach p &lt; 0.05 even when
   * every sample moved (four a side just can): the check then warns that it is nearly blind.
   */
  static final int ENOUGH_SAMPLES = 5;

  private CheckRunner() {}

  /**
   * The verdict and what was read with gaps.
   *
   * @param verdict the verdict
   * @param warnings notes on the run and baseline (results without a serial baseline, a machine
   *     class mismatch, ...), one line each
   */
  public record Result(Verdict verdict, List<String> warnings) {
    /** Validates and copies. */
    public Result {
      Objects.requireNonNull(verdict, "verdict");
      warnings = List.copyOf(warnings);
    }
  }

  /**
   * Checks a run.
   *
   * @param runDir the run folder
   * @param baselineDir a baseline folder to use, or null for {@code reportsDir/baseline/<machineClass>}
   * @param reportsDir the reports folder
   * @param options thresholds and significance
   * @return the verdict with warnings
   * @throws CheckInputException when the run or the named baseline cannot be used
   */
  public static Result check(
      Path runDir, Path baselineDir, Path reportsDir, CheckOptions options) {
    CheckInput run = CheckInput.load(runDir, "run");
    List<String> warnings = new ArrayList<>(run.notes());
    Path base = baselineDir;
    if (base == null) {
      if (!run.hasMachineClass()) {
        throw new CheckInputException(
            "run " + runDir + ": metadata.json names no machineClass, so its baseline cannot be"
                + " found; give one with --baseline DIR");
      }
      base = BaselineStore.dirFor(reportsDir, run.machineClass());
      if (!Files.exists(base)) {
        warnings.add("no baseline for machine class " + run.machineClass() + " (looked in " + base
            + "); checking absolute floors instead. Create one with: check --update-baseline "
            + runDir);
        List<FloorResult> floors = RegressionCheck.floors(run.figures(), Floors.DEFAULTS);
        if (floors.stream().allMatch(f -> f.outcome() == Outcome.NOT_MEASURED)) {
          warnings.add("no figure of the run matches any floor, so nothing was checked");
        }
        return new Result(Verdict.ofFloors(runDir.toString(), run.machineClass(), floors), warnings);
      }
    }
    CheckInput baseline = CheckInput.load(base, "baseline");
    warnings.addAll(baseline.notes());
    if (baseline.hasMachineClass() && run.hasMachineClass()
        && !baseline.machineClass().equals(run.machineClass())) {
      warnings.add("the baseline is from machine class " + baseline.machineClass()
          + " but the run from " + run.machineClass() + "; ratios may not carry over");
    }
    List<List<Figure>> baselineRuns = new ArrayList<>();
    for (Path merged : BaselineStore.mergedRuns(base)) {
      baselineRuns.add(CheckInput.load(merged, "baseline run").figures());
    }
    List<FigureComparison> comparisons;
    try {
      comparisons =
          RegressionCheck.compare(baseline.figures(), baselineRuns, run.figures(), options);
    } catch (IllegalArgumentException e) {
      throw new CheckInputException("cannot compare " + runDir + " with " + base + ": " + e.getMessage());
    }
    long weak =
        comparisons.stream()
            .filter(c -> c.baseline() != null && c.current() != null)
            .filter(c -> c.kind() != FigureKind.LATENCY) // histograms: no per-iteration samples
            .filter(c -> c.baseline().samples().length < ENOUGH_SAMPLES
                || c.current().samples().length < ENOUGH_SAMPLES)
            .count();
    if (weak > 0) {
      warnings.add(weak + " figure(s) have fewer than " + ENOUGH_SAMPLES
          + " per-iteration samples on a side, so the rank test can hardly show a change there"
          + " (run JMH with at least 5 measurement iterations, better 2 forks x 5)");
    }
    return new Result(
        Verdict.ofBaseline(runDir.toString(), run.machineClass(), base.toString(), comparisons),
        warnings);
  }
}
