package io.poollab.cli;

import io.poollab.bench.JmhForkRunner;
import io.poollab.regress.BaselineStore;
import io.poollab.regress.CheckInputException;
import io.poollab.regress.CheckOptions;
import io.poollab.regress.CheckRunner;
import io.poollab.regress.Confirmer;
import io.poollab.regress.ThresholdRule;
import io.poollab.regress.Verdict;
import io.poollab.regress.VerdictWriter;
import io.poollab.report.RunFolders;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code check}: compares a run with the baseline of its machine class, confirms what looks
 * regressed with fresh interleaved rounds, and fails when the pool got slower (exit 1); or
 * compares this build with another commit measured side by side ({@code --against REF}); or
 * stores runs as the baseline.
 *
 * <pre>{@code
 * java -jar target/benchmarks.jar check                                  # newest run under reports/
 * java -jar target/benchmarks.jar check reports/20260101-120000 --threshold 'speedup:*=15%' \
 *     --markdown summary.md --json verdict.json
 * java -jar target/benchmarks.jar check --against HEAD~1                 # this build vs the last commit
 * java -jar target/benchmarks.jar check --update-baseline reports/20260101-1*     # merge several runs
 * }</pre>
 *
 * <p>Exit codes: 0 nothing regressed, 1 a regression (or a figure missing from the run, or a floor
 * missed), 2 a usage or input error (a missing or malformed run or baseline, named), 3
 * inconclusive (something looked regressed and fresh rounds could not settle it).
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Compare a run with the baseline of its machine class (reports/baseline/<machineClass>/);"
          + " fail (exit 1) when a figure got worse by more than its threshold, with evidence,"
          + " and fresh interleaved rounds confirm it.",
      "Figures are ratios inside each run, measured round by round: the speed-up of each pool"
          + " configuration vs SERIAL, latency percentiles vs the serial per-item time.",
      "Evidence: a one-sided Mann-Whitney U test over rounds (p < --alpha), or the change's 95%%"
          + " bootstrap interval beyond zero. Candidates are measured again in --confirm-rounds"
          + " fresh rounds; they fail only when those rounds are still past the threshold and beat"
          + " the baseline in the rank test at alpha / candidates.",
      "--against REF builds REF's jar and runs both builds' benchmarks in the same interleaved"
          + " rounds on this machine, then compares them the same way.",
      "No baseline for the machine class: absolute floors are checked instead, and the output says so.",
      "Exit codes: 0 nothing regressed, 1 regression, 2 usage or input error, 3 inconclusive."
    })
public final class CheckCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "RUN_DIR",
      description = "The run folder to check (default: the newest run under --reports, as the report picks it).")
  Path run;

  @Option(
      names = "--baseline",
      paramLabel = "DIR",
      description = "Compare with this folder (jmh.json, rounds.json, metadata.json) instead of"
          + " reports/baseline/<machineClass>/.")
  Path baseline;

  @Option(
      names = "--reports",
      paramLabel = "DIR",
      defaultValue = "${sys:poollab.home:-.}/reports",
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
      defaultValue = "5%",
      description = "Threshold of figures no --threshold matches (default: ${DEFAULT-VALUE}).")
  String defaultThreshold;

  @Option(
      names = "--alpha",
      paramLabel = "P",
      defaultValue = "0.05",
      description = "Significance level, in (0, 1) (default: ${DEFAULT-VALUE}).")
  double alpha;

  @Option(
      names = "--allow-missing",
      description = "Report figures of the baseline that the run lacks, but do not fail on them.")
  boolean allowMissing;

  @Option(
      names = "--confirm-rounds",
      paramLabel = "N",
      defaultValue = "5",
      description = "Fresh interleaved rounds that measure regression candidates again before the"
          + " check fails; 0 judges the run alone (default: ${DEFAULT-VALUE}).")
  int confirmRounds;

  @Option(
      names = "--confirm-minutes",
      paramLabel = "M",
      defaultValue = "4",
      description = "The longest the confirmation may take, per build (--against runs two); a round under way finishes (default: ${DEFAULT-VALUE}).")
  int confirmMinutes;

  @Option(
      names = "--against",
      paramLabel = "REF",
      description = "Compare this build with the commit REF (e.g. HEAD~1): build REF's jar, run both"
          + " builds' benchmarks in the same interleaved rounds here, compare them.")
  String against;

  @Option(
      names = "--profile",
      paramLabel = "NAME",
      defaultValue = "quick",
      description = "With --against: the profile both builds run (default: ${DEFAULT-VALUE}).")
  String profile;

  @Option(
      names = "--include",
      paramLabel = "REGEX",
      description = "With --against: only plan entries whose label matches (their SERIAL baselines are kept).")
  String include;

  @Option(
      names = "--rounds",
      paramLabel = "N",
      description = "With --against: interleaved rounds (default: the profile's).")
  Integer rounds;

  @Option(
      names = "--dataset",
      paramLabel = "PATH",
      description = "With --against: the word list (default: datasets/, as bench).")
  Path dataset;

  @Option(names = "--markdown", paramLabel = "FILE",
      description = "Write the Markdown summary here (a new file, or one an earlier check wrote).")
  Path markdown;

  @Option(names = "--json", paramLabel = "FILE",
      description = "Write the JSON verdict here (a new file, or one an earlier check wrote).")
  Path json;

  @Option(
      names = "--update-baseline",
      paramLabel = "RUN_DIR",
      arity = "1..*",
      description = "Store this run as the baseline of its machine class (replacing the old one) and"
          + " exit. Several runs are merged: their rounds pooled, their noise between runs kept"
          + " for the thresholds (recommended: three or more runs).")
  List<Path> updateBaseline;

  /** Environment lookup; tests replace it to point GITHUB_STEP_SUMMARY at a temp file. */
  UnaryOperator<String> env = System::getenv;

  /** Makes the confirmer of a run; tests replace it with a scripted one. */
  BiFunction<Path, List<String>, Confirmer> confirmers = this::benchConfirmer;

  /** Runs the check. */
  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (against == null) {
      // these set how --against measures both builds; anywhere else they would be ignored, and
      // a user who typed --rounds 10 would believe the check had used them
      for (String againstOnly : List.of("--profile", "--include", "--rounds", "--dataset")) {
        if (spec.commandLine().getParseResult().hasMatchedOption(againstOnly)) {
          throw new ParameterException(spec.commandLine(), againstOnly + " applies only with --against REF;"
              + " drop it, or compare with a commit: check --against REF " + againstOnly + " ...");
        }
      }
    }
    CheckOptions options = options();
    try {
      // before the check runs, which may take minutes: its files must have somewhere to go
      refuseForeign("--markdown", markdown, VerdictWriter::wroteMarkdown);
      refuseForeign("--json", json, VerdictWriter::wroteJson);
      if (markdown != null && json != null
          && markdown.toAbsolutePath().normalize().equals(json.toAbsolutePath().normalize())) {
        throw new CheckInputException("--markdown and --json both name " + markdown + "; give each its own file");
      }
      if (updateBaseline != null) {
        if (run != null || baseline != null || against != null) {
          throw new ParameterException(spec.commandLine(),
              "--update-baseline RUN_DIR takes no RUN_DIR argument, no --baseline and no --against");
        }
        out.println("Storing " + updateBaseline.size() + " run(s) as the baseline: " + updateBaseline + " ...");
        Path dir = BaselineStore.update(updateBaseline, reports);
        out.println("Baseline written: " + dir + " (jmh.json, rounds.json, metadata.json); commit it for CI.");
        out.flush();
        return 0;
      }
      CheckRunner.Result result;
      if (against != null) {
        if (run != null || baseline != null) {
          throw new ParameterException(spec.commandLine(), "--against REF takes no RUN_DIR argument and no --baseline");
        }
        result = new AgainstRun(this, err).run(options);
      } else {
        Path runDir = run;
        if (runDir == null) {
          // the same run the report picks by default (RunFolders), said on stderr
          runDir = BaselineStore.newestRun(reports).orElseThrow(() ->
              new CheckInputException("no run folder (a folder holding jmh.json or metadata.json) under "
                  + reports + "; run ./run-benchmarks.sh first or name one: check RUN_DIR"));
          err.println("check: no RUN_DIR given: checking the newest run under " + reports + ", " + runDir
              + " (started " + RunFolders.startTime(runDir) + ")");
          err.flush();
        }
        out.println("Checking " + runDir + " ...");
        out.flush();
        List<String> whyNot = new ArrayList<>();
        Confirmer confirmer = confirmRounds > 0 ? confirmers.apply(runDir, whyNot) : null;
        whyNot.forEach(w -> err.println("warning: " + w));
        result = CheckRunner.check(runDir, baseline, reports, options, confirmer, err);
      }
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
    } catch (CheckInputException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
      err.println("check: " + e.getMessage());
      err.flush();
      return 2;
    }
  }

  /**
   * The confirmer of a plain run: fresh rounds through JMH in this JVM's class path, JMH's output
   * appended to the run's jmh.log. Null, with the reason, when the run cannot be measured again.
   */
  private Confirmer benchConfirmer(Path runDir, List<String> whyNot) {
    if (!Files.isDirectory(runDir)) {
      return null; // the check itself says that the folder does not exist
    }
    String problem = BenchConfirmer.problem(runDir);
    if (problem != null) {
      whyNot.add("cannot confirm with fresh rounds: " + problem);
      return null;
    }
    return BenchConfirmer.forRun(runDir, new JmhForkRunner(jmhLog(runDir), System.err), System.err, whyNot);
  }

  static PrintStream jmhLog(Path dir) {
    try {
      Files.createDirectories(dir);
      return new PrintStream(new FileOutputStream(dir.resolve("jmh.log").toFile(), true), true, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dir.resolve("jmh.log") + ": " + e.getMessage(), e);
    }
  }

  CheckOptions options() {
    try {
      double t = ThresholdRule.parseValue(defaultThreshold, "--default-threshold");
      // named here by their flags; CheckOptions says only "alpha", "confirm rounds"
      if (!(alpha > 0.0 && alpha < 1.0)) {
        throw new IllegalArgumentException("--alpha must be in (0, 1), got " + alpha);
      }
      if (confirmRounds < 0) {
        throw new IllegalArgumentException("--confirm-rounds must be 0 (no confirmation) or more, got " + confirmRounds);
      }
      if (confirmMinutes < 1) {
        throw new IllegalArgumentException("--confirm-minutes must be at least 1, got " + confirmMinutes);
      }
      return new CheckOptions(t, thresholds, alpha, allowMissing, confirmRounds, Duration.ofMinutes(confirmMinutes));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  /**
   * Refuses an output file that the check cannot write without overwriting a file it did not
   * create: a folder, an unreadable file, or a file that is not an earlier verdict of the check
   * (which a later check replaces, as CI does on every run).
   */
  private static void refuseForeign(String option, Path file, Predicate<String> writtenByTheCheck) {
    if (file == null || !Files.exists(file)) {
      return;
    }
    if (Files.isDirectory(file)) {
      throw new CheckInputException(option + " " + file + " is a folder; give the path of the file to write");
    }
    String text;
    try (InputStream in = Files.newInputStream(file)) {
      // how the file begins tells whose it is; any file, binary or huge, is read this far only
      text = new String(in.readNBytes(256), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CheckInputException(option + " " + file + " exists and cannot be read (" + e
          + "); give the path of a new file");
    }
    if (!writtenByTheCheck.test(text)) {
      throw new CheckInputException(option + " " + file + " exists and was not written by the check;"
          + " it is left alone: give the path of a new file (or of an earlier check's)");
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
