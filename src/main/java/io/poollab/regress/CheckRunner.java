package io.poollab.regress;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    List<ThresholdRule> baselineRules = BaselineStore.thresholds(base);
    if (!baselineRules.isEmpty()) {
      warnings.add("thresholds from " + base.resolve(BaselineStore.THRESHOLDS) + ": "
          + String.join(", ", baselineRules.stream()
              .map(CheckRunner::describe).toList())
          + " (--threshold rules win over them)");
    }
    CheckOptions effective = options.withRulesBefore(baselineRules);
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
          RegressionCheck.compare(baseline.figures(), baselineRuns, run.figures(), effective);
    } catch (IllegalArgumentException e) {
      throw new CheckInputException("cannot compare " + runDir + " with " + base + ": " + e.getMessage());
    }
    long tested = comparisons.stream().filter(c -> !Double.isNaN(c.pValue())).count();
    double perFigure = effective.alpha() / Math.max(1, tested);
    Map<String, Integer> fewestInBaselineRuns = fewestSamples(baselineRuns);
    long blind =
        comparisons.stream()
            .filter(c -> c.baseline() != null && c.current() != null)
            .filter(c -> c.kind() != FigureKind.LATENCY) // histograms: no per-iteration samples
            .filter(c -> {
              int inBase =
                  fewestInBaselineRuns.getOrDefault(c.key(), c.baseline().samples().length);
              int inRun = c.current().samples().length;
              return inBase < RegressionCheck.MIN_SAMPLES || inRun < RegressionCheck.MIN_SAMPLES
                  || MannWhitney.smallestPValue(inBase, inRun) >= perFigure;
            })
            .count();
    if (blind > 0) {
      warnings.add(blind + " figure(s) have too few per-iteration samples for the rank test to"
          + " show a change after the correction over " + tested + " figures (p < "
          + String.format(java.util.Locale.ROOT, "%.2g", perFigure)
          + " needed); only their confidence intervals can (measure 10 or more iterations a side)");
    }
    return new Result(
        Verdict.ofBaseline(runDir.toString(), run.machineClass(), base.toString(), comparisons),
        warnings);
  }

  /** A rule as a user would write it: overhead thresholds are absolute, the others percentages. */
  private static String describe(ThresholdRule rule) {
    boolean absolute = rule.spec().toLowerCase(java.util.Locale.ROOT)
        .startsWith(FigureKind.OVERHEAD.prefix() + ":");
    return rule.spec() + "=" + (absolute
        ? VerdictWriter.number(rule.threshold())
        : VerdictWriter.number(rule.threshold() * 100) + "%");
  }

  /**
   * The sample count the rank test sees of each figure in a merged baseline: the smallest of its
   * runs'. Figures of a single-run baseline are absent (their merged count applies).
   */
  private static Map<String, Integer> fewestSamples(List<List<Figure>> baselineRuns) {
    Map<String, Integer> fewest = new HashMap<>();
    for (List<Figure> figures : baselineRuns) {
      for (Figure f : figures) {
        fewest.merge(f.key(), f.samples().length, Math::min);
      }
    }
    return fewest;
  }
}
