package io.poollab.regress;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The whole check of one run: read it, find its baseline (given, or the one of its machine
 * class), compare, confirm what looks regressed with fresh rounds, or fall back to the absolute
 * floors when there is no baseline. {@link #against} compares two builds measured side by side.
 *
 * <pre>{@code
 * CheckRunner.Result r = CheckRunner.check(Path.of("reports/20260101-120000"), null,
 *     Path.of("reports"), CheckOptions.DEFAULTS, confirmer, new PrintWriter(System.err, true));
 * r.warnings().forEach(System.err::println);
 * System.exit(r.verdict().exitCode());
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
   * Checks a run against the stored baseline.
   *
   * @param runDir the run folder
   * @param baselineDir a baseline folder to use, or null for {@code reportsDir/baseline/<machineClass>}
   * @param reportsDir the reports folder
   * @param options thresholds, significance and confirmation
   * @param confirmer measures candidates again, or null when the check cannot run benchmarks
   * @param progress where the confirmation says what it does
   * @return the verdict with warnings
   * @throws CheckInputException when the run or the named baseline cannot be used
   */
  public static Result check(Path runDir, Path baselineDir, Path reportsDir, CheckOptions options,
      Confirmer confirmer, PrintWriter progress) {
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
          + String.join(", ", baselineRules.stream().map(CheckRunner::describe).toList())
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
    NoiseModel noise = NoiseModel.of(baselineRuns);
    if (noise.runs() < 2) {
      warnings.add("the baseline holds " + Math.max(1, noise.runs()) + " run; with several"
          + " (check --update-baseline RUN1 RUN2 RUN3) each figure's threshold also covers its"
          + " noise between runs");
    }
    ComparableFigures comparable = ComparableFigures.of(baseline, run);
    comparable.note().ifPresent(warnings::add);
    return decide(run, comparable.run(), comparable.baseline(), base.toString(), noise, effective,
        confirmer, progress, warnings);
  }

  /**
   * Compares the head build's run with the reference build's run, both measured in the same
   * interleaved rounds on this machine ({@code check --against REF}): no stored baseline, no
   * thresholds file (the same machine measured both), the default threshold and rules given.
   *
   * @param refDir the reference build's side of the run
   * @param headDir this build's side
   * @param options thresholds, significance and confirmation
   * @param confirmer measures candidates again on both builds, or null
   * @param progress where the confirmation says what it does
   * @return the verdict with warnings
   */
  public static Result against(Path refDir, Path headDir, CheckOptions options, Confirmer confirmer,
      PrintWriter progress) {
    CheckInput ref = CheckInput.load(refDir, "reference");
    CheckInput head = CheckInput.load(headDir, "run");
    List<String> warnings = new ArrayList<>(head.notes());
    warnings.addAll(ref.notes());
    // both builds ran in the same rounds on this machine: every figure compares
    return decide(head, head.figures(), ref.figures(), refDir.toString(), NoiseModel.NONE, options,
        confirmer, progress, warnings);
  }

  private static Result decide(CheckInput run, List<Figure> runFigures, List<Figure> baselineFigures,
      String baselineName, NoiseModel noise, CheckOptions options, Confirmer confirmer,
      PrintWriter progress, List<String> warnings) {
    boolean confirm = confirmer != null && options.confirmRounds() > 0;
    List<FigureComparison> comparisons;
    try {
      comparisons = RegressionCheck.compare(baselineFigures, runFigures, noise, options, confirm);
    } catch (IllegalArgumentException e) {
      throw new CheckInputException("cannot compare " + run.dir() + " with " + baselineName + ": " + e.getMessage());
    }
    String confirmation = "";
    List<FigureComparison> candidates = comparisons.stream().filter(c -> c.outcome() == Outcome.REGRESSED).toList();
    if (confirm && !candidates.isEmpty()) {
      Set<String> configs = new LinkedHashSet<>();
      candidates.forEach(c -> configs.addAll(c.current().configs()));
      progress.printf(Locale.ROOT, "%d figure(s) look regressed: %s%nConfirming: %d configuration(s) again in"
          + " %d fresh interleaved rounds (at most %s) ...%n", candidates.size(),
          String.join(", ", candidates.stream().map(FigureComparison::key).toList()), configs.size(),
          options.confirmRounds(), options.confirmTimeBox());
      progress.flush();
      long start = System.nanoTime();
      Confirmer.Confirmation c = confirmer.confirm(configs, options.confirmRounds(), options.confirmTimeBox());
      List<String> notes = new ArrayList<>();
      List<Figure> fresh = FigureExtractor.extract(c.run(), notes);
      List<Figure> freshBase = c.baseline() == null ? null : FigureExtractor.extract(c.baseline(), notes);
      comparisons = RegressionCheck.confirm(comparisons, fresh, freshBase, options);
      long confirmed = comparisons.stream().filter(x -> x.outcome() == Outcome.REGRESSED).count();
      long cleared = comparisons.stream().filter(x -> x.outcome() == Outcome.CLEARED).count();
      long open = comparisons.stream().filter(x -> x.outcome() == Outcome.INCONCLUSIVE).count();
      confirmation = String.format(Locale.ROOT,
          "confirmation: %d candidate(s) measured again in %d fresh round(s), %d with no disturbed group"
              + " (each candidate counts the rounds in which its own groups were clean; %s, %s): %d confirmed,"
              + " %d not confirmed, %d inconclusive", candidates.size(), c.rounds(), c.cleanRounds(),
          format(Duration.ofNanos(System.nanoTime() - start)), c.where(), confirmed, cleared, open);
    } else if (!candidates.isEmpty()) {
      confirmation = "no confirmation: " + (confirmer == null
          ? "this check cannot run benchmarks (a baseline folder or a run from elsewhere)"
          : "--confirm-rounds 0") + "; candidates were judged on the run alone (Holm-corrected)";
    }
    return new Result(Verdict.ofBaseline(run.dir().toString(), run.machineClass(), baselineName,
        comparisons, confirmation), warnings);
  }

  /** A rule as a user would write it. */
  private static String describe(ThresholdRule rule) {
    return rule.spec() + "=" + VerdictWriter.number(rule.threshold() * 100) + "%";
  }

  private static String format(Duration d) {
    long s = d.toSeconds();
    return s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
  }
}
