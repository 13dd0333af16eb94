package io.poollab.cli;

import io.poollab.regress.BaselineStore;
import io.poollab.regress.CheckInputException;
import io.poollab.regress.CheckOptions;
import io.poollab.regress.CheckInput;
import io.poollab.regress.ComparableFigures;
import io.poollab.regress.Figure;
import io.poollab.regress.NoiseModel;
import io.poollab.regress.RegressionCheck;
import io.poollab.regress.ThresholdRule;
import io.poollab.regress.FigureComparison;
import io.poollab.regress.Outcome;
import io.poollab.report.BaselineChange;
import io.poollab.report.BaselineChanges;
import io.poollab.report.RunMetadata;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The report's "change vs baseline" section, computed here because the report must not call the
 * check (data flows one way: the check reads the report's model). Runs the check's first stage
 * exactly as {@code check --confirm-rounds 0} would (the baseline's thresholds file and
 * between-run noise included) and hands the report plain rows.
 *
 * <pre>{@code
 * BaselineChanges changes = BaselineDiff.of(runDir, machineClass, Path.of("reports"), true);
 * ReportWriter.writeRun(run, changes);
 * }</pre>
 */
final class BaselineDiff {

  private BaselineDiff() {}

  /**
   * The run against the baseline of its machine class in {@code reportsDir/baseline/}.
   *
   * @param runDir the run folder
   * @param machineClass the run's machine class ({@link RunMetadata#UNKNOWN} when not recorded)
   * @param reportsDir the reports folder holding {@code baseline/}
   * @param defaultReports whether that is the default folder (the check's command line then needs
   *     no {@code --reports})
   * @return the comparison, or why there is none
   */
  static BaselineChanges of(Path runDir, String machineClass, Path reportsDir, boolean defaultReports) {
    String command = "./run-benchmarks.sh check " + runDir + (defaultReports ? "" : " --reports " + reportsDir);
    if (RunMetadata.UNKNOWN.equals(machineClass)) {
      return BaselineChanges.failed(machineClass, reportsDir.resolve(BaselineStore.BASELINE).toString(),
          "the run's metadata.json names no machine class, so its baseline cannot be found.", command);
    }
    Path dir;
    try {
      dir = BaselineStore.dirFor(reportsDir, machineClass);
    } catch (CheckInputException e) {
      return BaselineChanges.failed(machineClass, reportsDir.resolve(BaselineStore.BASELINE).toString(),
          e.getMessage(), command);
    }
    if (!Files.isDirectory(dir)) {
      return BaselineChanges.noBaseline(machineClass, dir.toString(), command);
    }
    List<FigureComparison> comparisons;
    List<String> notes = new ArrayList<>();
    try {
      CheckInput current = CheckInput.load(runDir, "run");
      CheckInput baseline = CheckInput.load(dir, "baseline");
      List<ThresholdRule> rules = BaselineStore.thresholds(dir);
      if (!rules.isEmpty()) {
        notes.add("Thresholds from " + dir.resolve(BaselineStore.THRESHOLDS) + " apply: "
            + String.join(", ", rules.stream().map(r -> r.spec() + "=" + percent(r.threshold())).toList())
            + "; other figures " + percent(CheckOptions.DEFAULTS.defaultThreshold()) + ".");
      }
      List<List<Figure>> runs = new ArrayList<>();
      for (Path merged : BaselineStore.mergedRuns(dir)) {
        runs.add(CheckInput.load(merged, "baseline run").figures());
      }
      NoiseModel noise = NoiseModel.of(runs);
      notes.add(noise.runs() >= 2
          ? "The baseline merges " + noise.runs() + " runs; a figure's threshold is raised to its noise between them."
          : "The baseline is one run, so its thresholds do not cover the noise between runs.");
      // as the check's first stage when it will confirm (its default): a candidate needs some
      // evidence, and only the fresh rounds of the check itself make it a regression
      ComparableFigures comparable = ComparableFigures.of(baseline, current);
      comparable.note().ifPresent(n -> notes.add(capitalized(n) + "."));
      comparisons = RegressionCheck.compare(comparable.baseline(), comparable.run(), noise,
          CheckOptions.DEFAULTS.withRulesBefore(rules), true);
    } catch (CheckInputException | UncheckedIOException | IllegalArgumentException e) {
      return BaselineChanges.failed(machineClass, dir.toString(), e.getMessage(), command);
    }
    List<BaselineChange> rows = new ArrayList<>();
    int onlyInBaseline = 0;
    int onlyInRun = 0;
    for (FigureComparison c : comparisons) {
      if (c.outcome() == Outcome.MISSING) {
        onlyInBaseline++;
      } else if (c.outcome() == Outcome.NEW) {
        onlyInRun++;
      } else {
        rows.add(row(c));
      }
    }
    return new BaselineChanges(true, machineClass, dir.toString(), true, rows, onlyInBaseline, onlyInRun,
        String.join(" ", notes), command);
  }

  private static String capitalized(String sentence) {
    return Character.toUpperCase(sentence.charAt(0)) + sentence.substring(1);
  }

  private static String percent(double fraction) {
    // three significant digits at most, no trailing zeros: 20%, 2.5%
    return new java.math.BigDecimal(100 * fraction).round(new java.math.MathContext(3)).stripTrailingZeros()
        .toPlainString() + "%";
  }

  /** A compared figure as the page shows it: the value's own change, up is up. */
  static BaselineChange row(FigureComparison c) {
    double base = c.baseline().value();
    double cur = c.current().value();
    boolean higherIsBetter = c.kind().higherIsBetter();
    // the check's worsening is signed by "worse"; the page shows which way the value moved
    double lo = higherIsBetter ? -c.worseningHigh() : c.worseningLow();
    double hi = higherIsBetter ? -c.worseningLow() : c.worseningHigh();
    BaselineChange.Call call = switch (c.outcome()) {
      case REGRESSED -> BaselineChange.Call.REGRESSED;
      case IMPROVED -> BaselineChange.Call.IMPROVED;
      default -> BaselineChange.Call.SAME;
    };
    return new BaselineChange(c.key(), base, c.baseline().low(), c.baseline().high(), cur,
        c.current().low(), c.current().high(), base == 0 ? Double.NaN : cur / base - 1, lo, hi, call);
  }
}
