package io.poollab.cli;

import io.poollab.regress.BaselineStore;
import io.poollab.regress.CheckInputException;
import io.poollab.regress.CheckOptions;
import io.poollab.regress.CheckRunner;
import io.poollab.regress.ThresholdRule;
import io.poollab.regress.Verdict;
import io.poollab.regress.VerdictWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code check}: compares a run with the baseline of its machine class and fails when the pool
 * got slower (exit 1), or stores a run as the baseline.
 *
 * <pre>{@code
 * java -jar target/benchmarks.jar check                                  # newest run under reports/
 * java -jar target/benchmarks.jar check reports/20260101-120000 --threshold 'speedup:*=15%' \
 *     --markdown summary.md --json verdict.json
 * java -jar target/benchmarks.jar check --update-baseline reports/20260101-120000
 * java -jar target/benchmarks.jar check --update-baseline reports/20260101-1*     # merge several runs
 * }</pre>
 *
 * <p>Exit codes: 0 nothing regressed, 1 a regression (or a figure missing from the run, or a floor
 * missed), 2 a usage or input error (a missing or malformed run or baseline, named).
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Compare a run with the baseline of its machine class (reports/baseline/<machineClass>/);"
          + " fail (exit 1) when a figure got worse by more than its threshold and beyond the noise.",
      "Figures are ratios inside each run: speed-up, efficiency and overhead of each pool"
          + " configuration vs SERIAL, latency percentiles vs the serial per-item time.",
      "Evidence of a real change: 99.9%% confidence intervals apart, or a Mann-Whitney U test on"
          + " JMH's per-iteration raw data with p < --alpha after Holm's correction over all"
          + " figures (alpha bounds the chance of any false alarm in the run).",
      "No baseline for the machine class: absolute floors are checked instead, and the output says so.",
      "Exit codes: 0 nothing regressed, 1 regression, 2 usage or input error."
    })
public final class CheckCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "RUN_DIR",
      description = "The run folder to check (default: the newest reports/<yyyyMMdd-HHmmss>).")
  Path run;

  @Option(
      names = "--baseline",
      paramLabel = "DIR",
      description = "Compare with this folder (jmh.json + metadata.json) instead of"
          + " reports/baseline/<machineClass>/.")
  Path baseline;

  @Option(
      names = "--reports",
      paramLabel = "DIR",
      defaultValue = "reports",
      description = "The reports folder holding runs and baseline/ (default: ${DEFAULT-VALUE}).")
  Path reports;

  @Option(
      names = "--threshold",
      paramLabel = "PATTERN=VALUE",
      converter = RuleConverter.class,
      description = "Per-figure threshold: a glob (or re:REGEX) over figure keys = a percentage or"
          + " fraction, e.g. 'speedup:*=15%%'. Repeatable; the last match wins.")
  List<ThresholdRule> thresholds = new ArrayList<>();

  @Option(
      names = "--default-threshold",
      paramLabel = "VALUE",
      defaultValue = "10%",
      description = "Threshold of figures no --threshold matches (default: ${DEFAULT-VALUE}).")
  String defaultThreshold;

  @Option(
      names = "--alpha",
      paramLabel = "P",
      defaultValue = "0.05",
      description =
          "Family-wise significance level of the Mann-Whitney tests (Holm-corrected over all"
              + " figures), in (0, 1) (default: ${DEFAULT-VALUE}).")
  double alpha;

  @Option(
      names = "--allow-missing",
      description = "Report figures of the baseline that the run lacks, but do not fail on them.")
  boolean allowMissing;

  @Option(names = "--markdown", paramLabel = "FILE", description = "Write the Markdown summary here.")
  Path markdown;

  @Option(names = "--json", paramLabel = "FILE", description = "Write the JSON verdict here.")
  Path json;

  @Option(
      names = "--update-baseline",
      paramLabel = "RUN_DIR",
      arity = "1..*",
      description = "Store this run as the baseline of its machine class (replacing the old one) and"
          + " exit. Several runs are merged: their forks pooled, their intervals enveloped, so the"
          + " baseline carries run-to-run drift (recommended on shared machines).")
  List<Path> updateBaseline;

  /** Environment lookup; tests replace it to point GITHUB_STEP_SUMMARY at a temp file. */
  UnaryOperator<String> env = System::getenv;

  /** Runs the check. */
  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    CheckOptions options = options();
    try {
      if (updateBaseline != null) {
        if (run != null || baseline != null) {
          throw new ParameterException(
              spec.commandLine(), "--update-baseline RUN_DIR takes no RUN_DIR argument and no --baseline");
        }
        out.println("Storing " + updateBaseline.size() + " run(s) as the baseline: " + updateBaseline + " ...");
        Path dir = BaselineStore.update(updateBaseline, reports);
        out.println("Baseline written: " + dir + " (jmh.json, metadata.json); commit it for CI.");
        out.flush();
        return 0;
      }
      Path runDir = run != null ? run : BaselineStore.newestRun(reports).orElseThrow(() ->
          new CheckInputException("no run folder (yyyyMMdd-HHmmss) under " + reports
              + "; run ./run-benchmarks.sh first or name one: check RUN_DIR"));
      out.println("Checking " + runDir + " ...");
      out.flush();
      CheckRunner.Result result = CheckRunner.check(runDir, baseline, reports, options);
      result.warnings().forEach(w -> err.println("warning: " + w));
      err.flush();
      Verdict verdict = result.verdict();
      out.print(VerdictWriter.table(verdict));
      out.flush();
      String md = VerdictWriter.markdown(verdict);
      if (markdown != null) {
        write(markdown, md, false);
      }
      if (json != null) {
        write(json, VerdictWriter.json(verdict), false);
      }
      String summary = env.apply("GITHUB_STEP_SUMMARY");
      if (summary != null && !summary.isBlank()) {
        write(Path.of(summary), md, true);
      }
      return verdict.exitCode();
    } catch (CheckInputException e) {
      err.println("check: " + e.getMessage());
      err.flush();
      return 2;
    } catch (UncheckedIOException e) {
      err.println("check: " + e.getMessage());
      err.flush();
      return 2;
    }
  }

  private CheckOptions options() {
    try {
      double t = ThresholdRule.parseValue(defaultThreshold, "--default-threshold");
      return new CheckOptions(t, thresholds, alpha, allowMissing);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private static void write(Path file, String text, boolean append) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      if (append) {
        Files.writeString(file, text, StandardCharsets.UTF_8,
            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      } else {
        Files.writeString(file, text, StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** Parses {@code --threshold} values, so a bad one is a usage error naming it. */
  static final class RuleConverter implements ITypeConverter<ThresholdRule> {
    @Override
    public ThresholdRule convert(String value) {
      return ThresholdRule.parse(value);
    }
  }
}
