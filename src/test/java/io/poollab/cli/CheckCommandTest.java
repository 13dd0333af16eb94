package io.poollab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.poollab.regress.SyntheticRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CheckCommandTest {

  @TempDir Path tmp;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private UnaryOperator<String> env = name -> null;

  private int run(String... args) {
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    CheckCommand check = cl.getSubcommands().get("check").getCommand();
    check.env = env;
    return cl.execute(args);
  }

  private Path reports() {
    return tmp.resolve("reports");
  }

  private Path storeBaseline() {
    Path base = SyntheticRun.wordJob(1, 100, 52, 60, 0.01).writeTo(reports().resolve("20260101-000000"));
    assertThat(run("check", "--reports", reports().toString(), "--update-baseline", base.toString()))
        .as(err.toString()).isZero();
    assertThat(out.toString()).contains("Baseline written");
    return base;
  }

  @Test
  void shouldPassTheNewestRunWhenItEqualsTheBaseline() {
    storeBaseline();
    SyntheticRun.wordJob(1, 100, 52, 60, 0.01).writeTo(reports().resolve("20260102-000000"));
    int code = run("check", "--reports", reports().toString());
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).contains("Checking " + reports().resolve("20260102-000000"))
        .contains("PASS: 0 regressed");
  }

  @Test
  void shouldExitOneOnARegressionAndWriteMarkdownJsonAndTheStepSummary() throws IOException {
    storeBaseline();
    Path slow = SyntheticRun.wordJob(2, 100, 70, 60, 0.01).writeTo(reports().resolve("20260102-000000"));
    Path summary = tmp.resolve("step-summary.md");
    Files.writeString(summary, "earlier step\n");
    env = name -> name.equals("GITHUB_STEP_SUMMARY") ? summary.toString() : null;
    Path md = tmp.resolve("out/summary.md");
    Path json = tmp.resolve("out/verdict.json");
    int code = run("check", slow.toString(), "--reports", reports().toString(),
        "--markdown", md.toString(), "--json", json.toString());
    assertThat(code).isEqualTo(1);
    assertThat(out.toString()).contains("FAIL: 1 regressed").contains("REGRESSED");
    // the synthetic run's dataset is not on this machine: said, and judged on the run alone
    assertThat(err.toString()).contains("warning: cannot confirm with fresh rounds");
    assertThat(out.toString()).contains("no confirmation");
    assertThat(Files.readString(md)).startsWith("### Performance check: FAIL");
    assertThat(Files.readString(json)).contains("\"verdict\" : \"fail\"").contains("\"exitCode\" : 1");
    assertThat(Files.readString(summary)).startsWith("earlier step\n### Performance check: FAIL");
  }

  @Test
  void shouldPassWithAHigherThresholdForTheFigure() {
    storeBaseline();
    Path slow = SyntheticRun.wordJob(2, 100, 58, 60, 0.01).writeTo(reports().resolve("20260102-000000"));
    assertThat(run("check", slow.toString(), "--reports", reports().toString())).isEqualTo(1);
    assertThat(run("check", slow.toString(), "--reports", reports().toString(),
        "--threshold", "*POOL_MAP*=15%", "--threshold", "overhead:*=0.25")).isZero();
  }

  private int runWith(io.poollab.regress.Confirmer confirmer, String... args) {
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    CheckCommand check = cl.getSubcommands().get("check").getCommand();
    check.env = env;
    check.confirmers = (dir, whyNot) -> confirmer;
    return cl.execute(args);
  }

  @Test
  void shouldConfirmBeforeItFailsAndExitThreeWhenTheFreshRoundsCannotSettleIt() {
    storeBaseline();
    Path slow = SyntheticRun.wordJob(2, 100, 70, 60, 0.01).writeTo(reports().resolve("20260102-000000"));
    java.util.List<Integer> asked = new java.util.ArrayList<>();
    io.poollab.regress.Confirmer disturbed = (configs, rounds, box) -> {
      asked.add(rounds);
      Path fresh = SyntheticRun.seeded(9).rounds(3).disturbed(1).disturbed(2).disturbed(3)
          .result("SERIAL", 1, "default", 100, 0.01).result("POOL_MAP", 2, "default", 70, 0.01)
          .writeTo(slow.resolve("confirm"));
      return new io.poollab.regress.Confirmer.Confirmation(io.poollab.report.RunReader.read(fresh), null, rounds, 0, fresh.toString());
    };
    int code = runWith(disturbed, "check", slow.toString(), "--reports", reports().toString(), "--confirm-rounds", "3");
    assertThat(code).as(out + "\n" + err).isEqualTo(3);
    assertThat(asked).containsExactly(3);
    assertThat(out.toString()).contains("INCONCLUSIVE: 0 regressed, 1 inconclusive").contains("no clean fresh round");

    // --confirm-rounds 0: no confirmation, the run alone decides
    asked.clear();
    assertThat(runWith(disturbed, "check", slow.toString(), "--reports", reports().toString(), "--confirm-rounds", "0"))
        .isEqualTo(1);
    assertThat(asked).isEmpty();
  }

  @Test
  void shouldExitTwoNamingAMalformedRun() throws IOException {
    storeBaseline();
    Path bad = Files.createDirectories(reports().resolve("20260102-000000"));
    Files.writeString(bad.resolve("jmh.json"), "not json");
    assertThat(run("check", bad.toString(), "--reports", reports().toString())).isEqualTo(2);
    assertThat(err.toString()).contains("check: run " + bad).contains("jmh.json").contains("malformed JSON");
  }

  /** Where a run's round-trip fork writes its latency log (its folder made, the file not). */
  private static Path latencyLogOf(Path run) throws IOException {
    return Files.createDirectories(run.resolve("histograms"))
        .resolve("RoundTripLatencyBenchmark.applyAsyncRoundTrip-fork1.hlog");
  }

  @Test
  void shouldExitTwoNamingALatencyLogOfTheRunThatDoesNotParse() throws IOException {
    storeBaseline();
    Path run = SyntheticRun.wordJob(1, 100, 52, 60, 0.01).writeTo(reports().resolve("20260102-000000"));
    Path log = latencyLogOf(run);
    Files.writeString(log, "junk");

    assertThat(run("check", run.toString(), "--reports", reports().toString(), "--confirm-rounds", "0"))
        .as(out.toString()).isEqualTo(2);

    assertThat(err.toString()).contains("check: run " + run + ": histograms/" + log.getFileName()
        + ": not a readable HdrHistogram log (line 1 is not an interval histogram: 'junk')");
    assertThat(out.toString()).doesNotContain("FAIL");
  }

  @Test
  void shouldExitTwoNamingAMalformedRoundsJsonOnEitherSide() throws IOException {
    Path base = storeBaseline();
    Path run = SyntheticRun.wordJob(1, 100, 52, 60, 0.01).writeTo(reports().resolve("20260102-000000"));
    Path rounds = run.resolve("rounds.json");
    String whole = Files.readString(rounds);
    Files.writeString(rounds, whole.substring(0, whole.length() / 2));

    assertThat(run("check", run.toString(), "--reports", reports().toString(), "--confirm-rounds", "0")).isEqualTo(2);
    assertThat(err.toString()).contains("check: run " + run + ": rounds.json: malformed JSON at line",
        "the file ends early (truncated?)");

    // the same file cut short in the stored baseline
    Files.writeString(rounds, whole);
    Path stored = reports().resolve("baseline/linux-x86_64-2c/rounds.json");
    Files.writeString(stored, whole.substring(0, whole.length() / 2));
    err.getBuffer().setLength(0);
    assertThat(run("check", run.toString(), "--reports", reports().toString(), "--confirm-rounds", "0")).isEqualTo(2);
    assertThat(err.toString()).contains("check: baseline " + stored.getParent() + ": rounds.json: malformed JSON");
    assertThat(base).exists();
  }

  @Test
  void shouldPassARunWhoseLatencyLogHoldsNoValuesAsTheLabCanWriteIt() throws IOException {
    storeBaseline();
    Path run = SyntheticRun.wordJob(1, 100, 52, 60, 0.01).writeTo(reports().resolve("20260102-000000"));
    Path log = latencyLogOf(run);
    // what LatencyLog writes for a fork none of whose measured iterations recorded a value
    org.HdrHistogram.HistogramLogWriter w = new org.HdrHistogram.HistogramLogWriter(log.toFile());
    w.outputLogFormatVersion();
    w.outputStartTime(0);
    w.outputLegend();
    w.outputIntervalHistogram(new org.HdrHistogram.Histogram(3));
    w.close();

    assertThat(run("check", run.toString(), "--reports", reports().toString(), "--confirm-rounds", "0"))
        .as(err.toString()).isZero();
    assertThat(err.toString()).contains("holds no recorded values");
  }

  @Test
  void shouldExitTwoNamingAMissingRunOrBaseline() {
    Path missing = tmp.resolve("no-such-run");
    assertThat(run("check", missing.toString())).isEqualTo(2);
    assertThat(err.toString()).contains(missing.toString()).contains("does not exist");

    Path ok = SyntheticRun.wordJob(1, 100, 52, 60, 0.01).writeTo(reports().resolve("20260102-000000"));
    assertThat(run("check", ok.toString(), "--baseline", tmp.resolve("nobase").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("baseline: run folder " + tmp.resolve("nobase"));
  }

  @Test
  void shouldExitTwoWhenThereIsNoRunAtAll() {
    assertThat(run("check", "--reports", tmp.resolve("empty").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("no run folder (a folder holding jmh.json or metadata.json) under "
        + tmp.resolve("empty"));
  }

  @Test
  void shouldCheckTheNewestRunByStartTimeAsTheReportPicksItAndSaySo() throws IOException {
    Path stamped = SyntheticRun.wordJob(1, 100, 52, 60, 0.01).startedAt("2026-01-01T00:00:00Z")
        .writeTo(reports().resolve("20260101-000000"));
    // --out reports/mine: a newer run whose name is not a time stamp
    Path mine = SyntheticRun.wordJob(2, 100, 52, 60, 0.01).startedAt("2026-01-05T00:00:00Z")
        .writeTo(reports().resolve("mine"));
    Files.createDirectories(reports().resolve("20991231-235959"));
    SyntheticRun.wordJob(3, 100, 52, 60, 0.01).startedAt("2026-02-01T00:00:00Z")
        .writeTo(reports().resolve("20260201-000000-against-0123456789ab/head"));

    assertThat(run("check", "--reports", reports().toString(), "--confirm-rounds", "0")).as(err.toString()).isZero();

    assertThat(out.toString()).contains("Checking " + mine + " ...");
    assertThat(err.toString()).contains("check: no RUN_DIR given: checking the newest run under " + reports()
        + ", " + mine + " (started 2026-01-05T00:00:00Z)");
    assertThat(io.poollab.report.RunFolders.newestFirst(reports())).containsExactly(mine, stamped);
  }

  @Test
  void shouldExitTwoWithUsageOnABadThreshold() {
    assertThat(run("check", "--threshold", "speedup:*=lots")).isEqualTo(2);
    assertThat(err.toString()).contains("'lots'").contains("Usage:");
    assertThat(run("check", "--alpha", "2", tmp.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("--alpha must be in (0, 1), got 2.0");
    assertThat(run("check", "--confirm-rounds", "-1", tmp.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("--confirm-rounds must be 0 (no confirmation) or more, got -1");
  }

  @Test
  void shouldRefuseARunGivenTwiceToTheBaseline() {
    Path a = SyntheticRun.wordJob(1, 100, 52, 60, 0.01).writeTo(reports().resolve("20260101-000000"));
    Path sameName = SyntheticRun.wordJob(2, 100, 56, 60, 0.01).writeTo(tmp.resolve("elsewhere/20260101-000000"));

    assertThat(run("check", "--reports", reports().toString(), "--update-baseline", a.toString(), a.toString()))
        .isEqualTo(2);
    assertThat(run("check", "--reports", reports().toString(), "--update-baseline", a.toString(), sameName.toString()))
        .isEqualTo(2);

    assertThat(err.toString().lines().toList()).containsExactly(
        "check: --update-baseline names the run " + a + " twice; give each run once",
        "check: --update-baseline runs " + a + " and " + sameName + " share the folder name 20260101-000000,"
            + " under which the baseline keeps each run; copy one under another name");
    assertThat(reports().resolve("baseline")).doesNotExist();
  }

  @Test
  void shouldRefuseTheAgainstOnlyFlagsWithoutAgainst() {
    Path missing = tmp.resolve("no-such-run");
    for (String[] flag : new String[][] {{"--profile", "standard"}, {"--include", "WordJob"}, {"--rounds", "9"},
        {"--dataset", "words.txt"}}) {
      err.getBuffer().setLength(0);
      assertThat(run("check", missing.toString(), flag[0], flag[1])).as(flag[0]).isEqualTo(2);
      assertThat(err.toString()).as(flag[0])
          .contains(flag[0] + " applies only with --against REF")
          .contains("Usage: benchmarks.jar check");
    }
  }

  @Test
  void shouldNameABadAgainstFlagBeforeBuildingAnything() throws IOException {
    Path empty = Files.writeString(tmp.resolve("empty.txt"), "");
    Path broken = Files.writeString(tmp.resolve("words.zip"), "not a zip");
    Path blank = Files.writeString(tmp.resolve("blank.txt"), "\n\n");
    Path reports = tmp.resolve("reports");

    assertThat(run("check", "--against", "HEAD", "--reports", reports.toString(), "--include", "(")).isEqualTo(2);
    assertThat(run("check", "--against", "HEAD", "--reports", reports.toString(), "--profile", "slow")).isEqualTo(2);
    assertThat(run("check", "--against", "HEAD", "--reports", reports.toString(), "--dataset", empty.toString()))
        .isEqualTo(2);
    assertThat(run("check", "--against", "HEAD", "--reports", reports.toString(), "--dataset", broken.toString()))
        .isEqualTo(2);
    assertThat(run("check", "--against", "HEAD", "--reports", reports.toString(), "--dataset", blank.toString()))
        .isEqualTo(2);

    List<String> lines = err.toString().lines().toList();
    assertThat(lines).hasSize(5); // one line each, no stack trace
    assertThat(lines.get(0)).isEqualTo("check: --include '(' is not a valid regular expression: Unclosed group");
    assertThat(lines.get(1)).isEqualTo("check: --profile: profile 'slow' is not one of: quick, standard, full");
    assertThat(lines.get(2))
        .isEqualTo("check: --dataset " + empty + " holds no words; give a list with at least one word per line");
    assertThat(lines.get(3)).startsWith("check: --dataset: " + broken + ": is not a valid zip archive");
    assertThat(lines.get(4)).startsWith("check: --dataset " + blank + " holds no words: its 2 lines are all blank");
    assertThat(reports).doesNotExist(); // no jar built, no run folder made
  }

  @Test
  void shouldNotOverwriteAMarkdownOrJsonFileItDidNotWrite() throws IOException {
    storeBaseline();
    Path r = SyntheticRun.wordJob(1, 100, 52, 60, 0.01).writeTo(reports().resolve("20260102-000000"));
    Path notes = Files.writeString(tmp.resolve("notes.md"), "# my notes\n");
    Path data = Files.writeString(tmp.resolve("data.json"), "{\"mine\": true}\n");

    assertThat(run("check", r.toString(), "--reports", reports().toString(), "--markdown", notes.toString()))
        .isEqualTo(2);
    assertThat(run("check", r.toString(), "--reports", reports().toString(), "--json", data.toString()))
        .isEqualTo(2);
    assertThat(run("check", r.toString(), "--reports", reports().toString(), "--json", tmp.toString()))
        .isEqualTo(2);

    assertThat(err.toString()).contains(
        "check: --markdown " + notes + " exists and was not written by the check; it is left alone: give the"
            + " path of a new file (or of an earlier check's)",
        "check: --json " + data + " exists and was not written by the check",
        "check: --json " + tmp + " is a folder; give the path of the file to write");
    assertThat(notes).hasContent("# my notes\n");
    assertThat(data).hasContent("{\"mine\": true}\n");
    assertThat(out.toString()).doesNotContain("Checking"); // refused before the check ran
  }

  @Test
  void shouldReplaceTheFilesAnEarlierCheckWrote() throws IOException {
    storeBaseline();
    Path r = SyntheticRun.wordJob(1, 100, 52, 60, 0.01).writeTo(reports().resolve("20260102-000000"));
    Path md = tmp.resolve("summary.md");
    Path json = tmp.resolve("verdict.json");
    String[] args = {"check", r.toString(), "--reports", reports().toString(), "--markdown", md.toString(),
        "--json", json.toString()};

    assertThat(run(args)).as(err.toString()).isZero();
    Files.writeString(md, Files.readString(md) + "stale line\n");
    Files.writeString(json, Files.readString(json).replace("\"pass\"", "\"stale\""));
    assertThat(run(args)).as(err.toString()).isZero();

    assertThat(Files.readString(md)).startsWith("### Performance check: PASS").doesNotContain("stale line");
    assertThat(Files.readString(json)).contains("\"verdict\" : \"pass\"").doesNotContain("stale");
  }

  @Test
  void shouldCheckFloorsAndSaySoWithoutABaseline() {
    Path r = SyntheticRun.wordJob(1, 100, 52, 60, 0.01).writeTo(reports().resolve("20260102-000000"));
    assertThat(run("check", r.toString(), "--reports", reports().toString())).isZero();
    assertThat(err.toString()).contains("warning: no baseline for machine class linux-x86_64-2c");
    assertThat(out.toString()).contains("checked absolute floors instead").contains("meets floor");
  }

  @Test
  void shouldMergeSeveralRunsIntoTheBaseline() {
    Path a = SyntheticRun.wordJob(1, 100, 52, 60, 0.01).writeTo(reports().resolve("20260101-000000"));
    Path b = SyntheticRun.wordJob(2, 100, 56, 60, 0.01).writeTo(reports().resolve("20260101-000001"));
    assertThat(run("check", "--reports", reports().toString(), "--update-baseline", a.toString(), b.toString()))
        .as(err.toString()).isZero();
    assertThat(out.toString()).contains("Storing 2 run(s)");
    assertThat(reports().resolve("baseline/linux-x86_64-2c/runs/20260101-000001/jmh.json")).exists();
    assertThat(run("check", a.toString(), "--reports", reports().toString())).as(err.toString()).isZero();
    assertThat(run("check", "--update-baseline", a.toString(), "--baseline", b.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("takes no RUN_DIR argument, no --baseline and no --against");
  }
}
