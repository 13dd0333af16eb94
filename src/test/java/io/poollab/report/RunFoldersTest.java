package io.poollab.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.poollab.regress.SyntheticRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFoldersTest {

  @TempDir Path tmp;

  private Path run(String name, String startedAt) {
    return SyntheticRun.wordJob(1, 100, 52, 60, 0.01).startedAt(startedAt).writeTo(tmp.resolve(name));
  }

  @Test
  void shouldOrderRunsByTheirStartTimeWhateverTheirNames() {
    Path stamped = run("20260101-000000", "2026-01-01T00:00:00Z");
    Path mine = run("mine", "2025-12-01T00:00:00Z");
    Path later = run("a-later-run", "2026-02-01T00:00:00+01:00");

    assertThat(RunFolders.newestFirst(tmp)).containsExactly(later, stamped, mine);
    assertThat(RunFolders.newest(tmp)).contains(later);
  }

  @Test
  void shouldLeaveOutFoldersThatHoldNoRun() throws IOException {
    Path stamped = run("20260101-000000", "2026-01-01T00:00:00Z");
    Files.createDirectories(tmp.resolve("junk"));
    Files.writeString(Files.createDirectories(tmp.resolve("notes")).resolve("todo.txt"), "later");
    // what check --against makes: two runs of two builds, not a run of this checkout
    run("20260301-000000-against-0123456789ab/ref", "2026-03-01T00:00:00Z");
    run("20260301-000000-against-0123456789ab/head", "2026-03-01T00:00:00Z");
    run("baseline/linux-x86_64-2c", "2026-04-01T00:00:00Z");
    run(".against/x", "2026-04-01T00:00:00Z");
    Files.writeString(tmp.resolve("20990101-000000"), "a file, not a folder");

    assertThat(RunFolders.newestFirst(tmp)).containsExactly(stamped);
    assertThat(RunFolders.holdsRun(tmp.resolve("junk"))).isFalse();
    assertThat(RunFolders.holdsRun(tmp.resolve("20260301-000000-against-0123456789ab"))).isFalse();
    assertThat(RunFolders.holdsRun(stamped)).isTrue();
    assertThat(RunFolders.newestFirst(tmp.resolve("absent"))).isEmpty();
  }

  @Test
  void shouldCountAFolderWithOnlyOneOfTheRunsFilesAsARun() throws IOException {
    Path onlyJmh = Files.createDirectories(tmp.resolve("plain-jmh"));
    Files.copy(Golden.run("oneworker").resolve("jmh.json"), onlyJmh.resolve("jmh.json"));
    Path onlyMeta = Files.createDirectories(tmp.resolve("stopped-early"));
    Files.copy(Golden.run("oneworker").resolve("metadata.json"), onlyMeta.resolve("metadata.json"));

    assertThat(RunFolders.holdsRun(onlyJmh)).isTrue();
    assertThat(RunFolders.holdsRun(onlyMeta)).isTrue();
  }

  @Test
  void shouldFallBackToTheFilesTimeWithoutAReadableStartTime() throws IOException {
    Path dated = run("20260101-000000", "2026-01-01T00:00:00Z");
    Path undated = run("zz-undated", "not a time");
    Files.setLastModifiedTime(undated.resolve("metadata.json"), FileTime.from(Instant.parse("2025-06-01T00:00:00Z")));
    Path noMeta = run("aa-no-metadata", "2026-01-01T00:00:00Z");
    Files.delete(noMeta.resolve("metadata.json"));
    Files.setLastModifiedTime(noMeta.resolve("jmh.json"), FileTime.from(Instant.parse("2026-05-01T00:00:00Z")));

    assertThat(RunFolders.startTime(undated)).isEqualTo(Instant.parse("2025-06-01T00:00:00Z"));
    assertThat(RunFolders.startTime(noMeta)).isEqualTo(Instant.parse("2026-05-01T00:00:00Z"));
    assertThat(RunFolders.newestFirst(tmp)).containsExactly(noMeta, dated, undated);
  }

  @Test
  void shouldBreakATieOfStartTimesByTheGreatestName() {
    Path a = run("20260101-000000", "2026-01-01T12:00:00Z");
    Path b = run("20260102-000000", "2026-01-01T12:00:00Z");

    assertThat(RunFolders.newestFirst(tmp)).containsExactly(b, a);
  }
}
