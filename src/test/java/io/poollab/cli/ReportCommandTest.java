package io.poollab.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
  void shouldRefuseUnknownOptionWithUsage() {
    assertThat(run("report", "--colour")).isEqualTo(2);
    assertThat(err.toString()).contains("Unknown option: '--colour'", "Usage:");
  }

  private Path copy(String fixture) throws IOException {
    return Golden.copyRun(fixture, tmp);
  }
}
