package io.poollab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.poollab.regress.BaselineStore;
import io.poollab.regress.SyntheticRun;
import io.poollab.report.Golden;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@Timeout(60)
class ReportCommandTest {

  @TempDir Path tmp;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  @Test
  void shouldReportNewestRunByDefaultAndPrintItsPage() throws Exception {
    copy("full");
    Path newest = copy("oneworker");
    int code = run("report", "--reports-dir", tmp.toString());
    assertThat(code).isZero();
    assertThat(out.toString().trim()).isEqualTo(newest.resolve("index.html").toString());
    assertThat(newest.resolve("index.html")).exists();
    assertThat(tmp.resolve("index.html")).exists();
    assertThat(newest.resolve("charts/speedup-chunksize-hashbench-hashwords.png")).exists();
  }

  @Test
  void shouldReportNamedRunAndIndexItsFolder() throws Exception {
    Path full = copy("full");
    copy("oneworker");
    Files.writeString(tmp.resolve(io.poollab.report.ReportWriter.OWNER_MARK), "the lab's\n");
    assertThat(run("report", full.toString())).isZero();
    assertThat(out.toString().trim()).isEqualTo(full.resolve("index.html").toString());
    assertThat(Files.readString(tmp.resolve("index.html")))
        .contains("20260101-120000/index.html", "20260102-090000/index.html");
  }

  @Test
  void shouldLeaveAnUnrelatedIndexBesideTheRunFolderUntouched() throws Exception {
    Path full = copy("full");
    Path foreign = tmp.resolve("index.html");
    Files.writeString(foreign, "<html>someone else's page</html>");
    assertThat(run("report", full.toString())).isZero();
    assertThat(full.resolve("index.html")).exists();
    assertThat(Files.readString(foreign)).isEqualTo("<html>someone else's page</html>");
    assertThat(tmp.resolve(io.poollab.report.ReportWriter.OWNER_MARK)).doesNotExist();
    assertThat(err.toString()).contains(foreign + " exists and was not written by the lab");
  }

  @Test
  void shouldNotWriteAnIndexIntoAFolderThatIsNotTheLabs() throws Exception {
    Path full = copy("full");
    assertThat(run("report", full.toString())).isZero();
    assertThat(tmp.resolve("index.html")).doesNotExist();
    assertThat(err.toString()).contains("is not a reports folder of the lab");
  }

  @Test
  void shouldRefuseToOverwriteAForeignPageInTheRunFolder() throws Exception {
    Path full = copy("full");
    Files.writeString(full.resolve("index.html"), "mine");
    assertThat(run("report", full.toString())).isEqualTo(2);
    assertThat(Files.readString(full.resolve("index.html"))).isEqualTo("mine");
    assertThat(err.toString()).contains("was not written by the lab");
  }

  @Test
  void shouldNeverOverwriteAForeignIndexInTheReportsFolderEither() throws Exception {
    copy("full");
    Files.writeString(tmp.resolve("index.html"), "mine");
    assertThat(run("report", "--reports-dir", tmp.toString())).isZero();
    assertThat(Files.readString(tmp.resolve("index.html"))).isEqualTo("mine");
    assertThat(err.toString()).contains("left alone");
  }

  @Test
  void shouldExit2WhenRunFolderIsMissing() {
    Path missing = tmp.resolve("20990101-000000");
    assertThat(run("report", missing.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("run folder " + missing + " does not exist");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void shouldExit2WhenNoRunExists() {
    assertThat(run("report", "--reports-dir", tmp.resolve("none").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("no run folder under " + tmp.resolve("none"));
  }

  @Test
  void shouldExit2WhenNothingCouldBeRead() throws IOException {
    Path run = Files.createDirectories(tmp.resolve("20260101-000000"));
    Files.writeString(run.resolve("jmh.json"), "[ {\"benchmark\": ");
    assertThat(run("report", run.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("jmh.json: malformed JSON", "nothing in " + run + " could be read");
    assertThat(run.resolve("index.html")).doesNotExist();
  }

  @Test
  void shouldExit0AndPrintProblemsWhenSomethingCouldBeRead() throws Exception {
    Path run = copy("full");
    Files.writeString(run.resolve("jmh.json"), "");
    assertThat(run("report", run.toString())).isZero();
    assertThat(err.toString()).contains("jmh.json: the file is empty");
    assertThat(Files.readString(run.resolve("index.html"))).contains("jmh.json: the file is empty");
  }

  @Test
  void shouldStillReportARunWhoseRoundsAndLatencyLogsTheCheckWouldRefuse() throws Exception {
    Path run = copy("full");
    Files.writeString(run.resolve("rounds.json"), "{\"forks\": [");
    Files.writeString(run.resolve("histograms/applyAsync-EXECUTOR_SUBMIT.hlog"), "junk");

    assertThat(run("report", run.toString())).as(err.toString()).isZero();

    assertThat(run.resolve("index.html")).content().contains("rounds.json: malformed JSON",
        "histograms/applyAsync-EXECUTOR_SUBMIT.hlog: not a readable HdrHistogram log");
  }

  @Test
  void shouldRefuseUnknownOptionWithUsage() {
    assertThat(run("report", "--colour")).isEqualTo(2);
    assertThat(err.toString()).contains("Unknown option: '--colour'", "Usage:");
  }

  @Test
  void shouldShowTheChangeAgainstTheBaselineOfTheMachineClass() throws Exception {
    Path reports = tmp.resolve("reports");
    Path base = SyntheticRun.wordJob(1, 100, 52, 60, 0.01).writeTo(reports.resolve("20260101-000000"));
    BaselineStore.update(base, reports);
    // map 52 -> 70 ms against serial 100: 1.92x -> about 1.42x, a quarter down; imapUnordered unchanged
    Path run = SyntheticRun.wordJob(2, 100, 70, 60, 0.01).writeTo(reports.resolve("20260102-000000"));
    assertThat(run("report", run.toString(), "--reports-dir", reports.toString())).isZero();
    String md = Files.readString(run.resolve("summary.md"));
    String html = Files.readString(run.resolve("index.html"));
    Path dir = reports.resolve("baseline/linux-x86_64-2c");
    assertThat(md).containsPattern("\\| speedup:WordJobBenchmark.hashAll:POOL_MAP:workers=2:chunksize=default:hashing=NEW_DIGEST"
            + " \\| 1\\.92 \\[1\\.\\d\\d, 1\\.\\d\\d\\] \\| 1\\.4\\d \\[1\\.\\d\\d, 1\\.\\d\\d\\] \\| -2\\d\\.\\d% \\[-\\d\\d\\.\\d%, -\\d\\d\\.\\d%\\] \\| regressed\\? \\|")
        .containsPattern("\\| speedup:WordJobBenchmark.hashAll:POOL_IMAP_UNORDERED:workers=2:chunksize=1:hashing=NEW_DIGEST"
            + " \\| 1\\.67 \\[[^]]+\\] \\| 1\\.67 \\[[^]]+\\] \\| ~ \\([-+]\\d\\.\\d% \\[[^]]+\\]\\) \\| ~ \\|")
        .contains("2 figure(s) compared with " + dir + ": 1 regressed?, 0 improved, 1 ~.",
            "./run-benchmarks.sh check " + run + " --reports " + reports);
    assertThat(html).contains("<h2 id=\"baseline\">Change vs baseline (linux-x86_64-2c)</h2>", "regressed?");
    assertThat(err.toString()).contains("report: compared with the baseline in " + dir + ": 2 figures");
  }

  @Test
  void shouldSayInOneLineWhenTheMachineClassHasNoBaseline() throws Exception {
    Path full = copy("full");
    assertThat(run("report", "--reports-dir", tmp.toString())).isZero();
    Path dir = tmp.resolve("baseline/linux-x86_64-2c");
    assertThat(Files.readString(full.resolve("index.html"))).contains("<h2 id=\"baseline\">",
        "No committed baseline for machine class linux-x86_64-2c (looked in " + dir + "), so nothing is compared.");
  }

  @Test
  void shouldRefuseAReportsDirThatIsAFileBeforeWritingAnything() throws Exception {
    Path full = copy("full");
    Path file = Files.writeString(tmp.resolve("runs.txt"), "my list of runs");

    assertThat(run("report", full.toString(), "--reports-dir", file.toString())).isEqualTo(2);

    assertThat(err.toString().strip())
        .isEqualTo("report: --reports-dir " + file + " is a file; give the folder that holds the runs");
    assertThat(file).hasContent("my list of runs");
    assertThat(full.resolve("index.html")).doesNotExist();
  }

  @Test
  void shouldLeaveTheRunsPageAloneWhenTheRunIsGivenAsDot() throws Exception {
    Path full = copy("full");
    copy("oneworker");
    Files.writeString(tmp.resolve(io.poollab.report.ReportWriter.OWNER_MARK), "the lab's\n");

    // "report ." inside the run folder: the folder around ./. is the reports folder, not the run
    assertThat(run("report", full.resolve(".").toString())).as(err.toString()).isZero();

    assertThat(full.resolve("index.html")).content()
        .contains("<h1>Pool lab report: 20260101-120000</h1>").doesNotContain("<h1>Pool lab runs</h1>");
    assertThat(full.resolve(io.poollab.report.ReportWriter.OWNER_MARK)).doesNotExist();
    assertThat(tmp.resolve("index.html")).content()
        .contains("20260101-120000/index.html", "20260102-090000/index.html");
  }

  @Test
  void shouldNotMakeARunFolderAReportsFolderWhenNamedAsOne() throws Exception {
    Path full = copy("full");

    assertThat(run("report", full.toString(), "--reports-dir", full.toString())).as(err.toString()).isZero();

    assertThat(full.resolve("index.html")).content().contains("<h1>Pool lab report: 20260101-120000</h1>");
    assertThat(full.resolve(io.poollab.report.ReportWriter.OWNER_MARK)).doesNotExist();
    assertThat(err.toString()).contains("report: the index of all runs was not written: " + full + " holds a run");
  }

  @Test
  void shouldReportTheNewestRunByStartTimeAsTheCheckDoesAndSaySo() throws Exception {
    Path reports = tmp.resolve("rd");
    Path stamped = SyntheticRun.wordJob(1, 100, 52, 60, 0.01).startedAt("2026-01-01T00:00:00Z")
        .writeTo(reports.resolve("20260101-000000"));
    // --out reports/mine: a run of any name, here an older one, whose name sorts last
    Path mine = SyntheticRun.wordJob(2, 100, 52, 60, 0.01).startedAt("2025-12-01T00:00:00Z")
        .writeTo(reports.resolve("mine"));
    Files.createDirectories(reports.resolve("junk"));
    SyntheticRun.wordJob(3, 100, 52, 60, 0.01).startedAt("2026-03-01T00:00:00Z")
        .writeTo(reports.resolve("20260301-000000-against-0123456789ab/head"));

    assertThat(run("report", "--reports-dir", reports.toString())).as(err.toString()).isZero();

    assertThat(out.toString().trim()).isEqualTo(stamped.resolve("index.html").toString());
    assertThat(err.toString()).contains("report: no RUN_DIR given: reporting the newest run under " + reports
        + ", " + stamped + " (started 2026-01-01T00:00:00Z)");
    assertThat(mine.resolve("index.html")).doesNotExist();
    assertThat(BaselineStore.newestRun(reports)).contains(stamped);
    assertThat(reports.resolve("index.html")).content()
        .contains("2 runs in this folder", "mine/index.html").doesNotContain("junk", "against");
  }

  @Test
  void shouldSayThatTheReportsFolderIsARunWhenItHoldsNoRuns() throws Exception {
    Path full = copy("full");

    assertThat(run("report", "--reports-dir", full.toString())).isEqualTo(2);

    assertThat(err.toString()).contains(full + " is itself a run: pass it as RUN_DIR");
    assertThat(full.resolve("index.html")).doesNotExist();
  }

  private Path copy(String fixture) throws IOException {
    return Golden.copyRun(fixture, tmp);
  }
}
