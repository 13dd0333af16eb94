package io.poollab.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.poollab.regress.SyntheticRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {

  @TempDir Path tmp;

  private final List<String> notes = new ArrayList<>();

  @Test
  void shouldNeverWriteTheIndexIntoAFolderHoldingARunEvenWhenClaimedOrMarked() throws IOException {
    Path run = Golden.copyRun("full", tmp);
    Path page = ReportWriter.writeRun(RunReader.read(run));
    String runPage = Files.readString(page);
    // the mark an earlier version of the lab could leave in a run folder ("report ." inside it)
    Files.writeString(run.resolve(ReportWriter.OWNER_MARK), "the lab's\n");

    Optional<Path> index = ReportWriter.writeIndex(run, true, notes);

    assertThat(index).isEmpty();
    assertThat(page).hasContent(runPage);
    assertThat(notes).singleElement().asString()
        .contains(run + " holds a run (jmh.json or metadata.json)", "the run's own page");
  }

  @Test
  void shouldNotTakeARunPageBesideTheRunsForAnIndex() throws IOException {
    Path run = Golden.copyRun("full", tmp.resolve("reports"));
    Path runPage = ReportWriter.writeRun(RunReader.read(run));
    // a run's page copied up, as a user might to share it: it carries the lab's footer too
    Path copy = Files.copy(runPage, tmp.resolve("reports/index.html"));
    String before = Files.readString(copy);

    assertThat(ReportWriter.writeIndex(tmp.resolve("reports"), true, notes)).isEmpty();

    assertThat(copy).hasContent(before);
    assertThat(tmp.resolve("reports").resolve(ReportWriter.OWNER_MARK)).doesNotExist();
    assertThat(notes).singleElement().asString().contains(copy + " exists and was not written by the lab as its index");
  }

  @Test
  void shouldLeaveAForeignPageAloneInAMarkedFolderToo() throws IOException {
    Path reports = Files.createDirectories(tmp.resolve("reports"));
    Golden.copyRun("full", reports);
    Files.writeString(reports.resolve(ReportWriter.OWNER_MARK), "the lab's\n");
    Path foreign = Files.writeString(reports.resolve("index.html"), "<html>my own list</html>");

    assertThat(ReportWriter.writeIndex(reports, true, notes)).isEmpty();

    assertThat(foreign).hasContent("<html>my own list</html>");
  }

  @Test
  void shouldRewriteItsOwnIndexAndOneWrittenBeforeIndexesWereMarked() throws IOException {
    Path reports = Files.createDirectories(tmp.resolve("reports"));
    Golden.copyRun("full", reports);
    String index = Files.readString(ReportWriter.writeIndex(reports));
    assertThat(index).contains(ReportWriter.INDEX_MARK, "<h1>Pool lab runs</h1>");

    // an index of an earlier version: the heading and the footer, no marker, no mark file
    Files.delete(reports.resolve(ReportWriter.OWNER_MARK));
    Files.writeString(reports.resolve("index.html"), index.replace(ReportWriter.INDEX_MARK + "\n", "")
        .replace("1 run in this folder", "0 runs in this folder"));

    assertThat(ReportWriter.writeIndex(reports, false, notes)).contains(reports.resolve("index.html"));
    assertThat(reports.resolve("index.html")).content().contains(ReportWriter.INDEX_MARK, "1 run in this folder");
  }

  @Test
  void shouldListOnlyRunsNewestFirstByStartTime() throws IOException {
    Path reports = tmp.resolve("reports");
    SyntheticRun.wordJob(1, 100, 52, 60, 0.01).startedAt("2026-01-01T00:00:00Z").writeTo(reports.resolve("20260101-000000"));
    SyntheticRun.wordJob(2, 100, 52, 60, 0.01).startedAt("2026-02-01T00:00:00Z").writeTo(reports.resolve("mine"));
    Files.createDirectories(reports.resolve("junk"));
    SyntheticRun.wordJob(3, 100, 52, 60, 0.01).writeTo(reports.resolve("20260301-000000-against-0123456789ab/ref"));
    SyntheticRun.wordJob(4, 100, 52, 60, 0.01).writeTo(reports.resolve("20260301-000000-against-0123456789ab/head"));

    String html = Files.readString(ReportWriter.writeIndex(reports));

    assertThat(html).contains("2 runs in this folder", "mine/index.html", "20260101-000000/index.html")
        .doesNotContain("junk", "against");
    assertThat(html.indexOf("mine/index.html")).isLessThan(html.indexOf("20260101-000000/index.html"));
  }
}
