package io.poollab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.poollab.bench.PlanEntry;
import io.poollab.regress.SyntheticRun;
import io.poollab.report.BenchmarkResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchConfirmerTest {

  @TempDir Path dir;

  @Test
  void shouldRebuildTheEntriesToMeasureAgainFromTheRunsRounds() {
    Path run = SyntheticRun.wordJob(1, 100, 52, 60, 0.01).writeTo(dir.resolve("run"));
    String map = BenchmarkResult.configKey(SyntheticRun.WORD_JOB,
        Map.of("impl", "POOL_MAP", "workers", "2", "chunksize", "default", "hashing", "NEW_DIGEST"));
    List<PlanEntry> entries = BenchConfirmer.entries(run, Set.of(map, "no such configuration"));

    assertThat(entries).singleElement().satisfies(e -> {
      assertThat(e.benchmark()).isEqualTo(SyntheticRun.WORD_JOB);
      assertThat(e.params()).containsEntry("impl", "POOL_MAP").containsEntry("workers", "2");
    });
  }

  @Test
  void shouldSayWhyARunCannotBeMeasuredAgainAndNeverWriteIntoIt() throws Exception {
    Path run = SyntheticRun.wordJob(1, 100, 52, 60, 0.01).writeTo(dir.resolve("run"));
    assertThat(BenchConfirmer.problem(run)).contains("dataset datasets/standin.txt is not on this machine");
    Files.delete(run.resolve("rounds.json"));
    assertThat(BenchConfirmer.problem(run)).contains("has no rounds.json");
    assertThat(run.resolve("jmh.log")).doesNotExist();
  }

  @Test
  void shouldPointTheForksHistogramsAtTheConfirmationsFolder() throws Exception {
    Path run = Files.createDirectories(dir.resolve("run"));
    Files.writeString(run.resolve("metadata.json"),
        "{\"jvmFlags\": [\"-Xmx1g\", \"-Dpoollab.histograms=/old/histograms\", \"-Dpoollab.pool.slowdownNanos=40\"]}");
    Path histograms = run.resolve("confirm/histograms");
    assertThat(BenchConfirmer.jvmArgs(run, histograms)).containsExactly(
        "-Xmx1g", "-Dpoollab.histograms=" + histograms.toAbsolutePath().normalize(), "-Dpoollab.pool.slowdownNanos=40");
    assertThat(histograms).isDirectory();
  }

  @Test
  void shouldNeverReuseAConfirmationFolder() throws Exception {
    Files.createDirectories(dir.resolve("confirm"));
    Files.createDirectories(dir.resolve("confirm-2"));
    assertThat(BenchConfirmer.freeFolder(dir, "confirm")).isEqualTo(dir.resolve("confirm-3"));
  }

  @Test
  void shouldResolveARefToItsCommitOrNameWhatIsNotOne() {
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(Path.of(".git")), "a git checkout");
    String head = RefJar.resolve("HEAD", Path.of("."));
    assertThat(head).matches("[0-9a-f]{40}");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> RefJar.resolve("no-such-ref-anywhere", Path.of(".")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--against 'no-such-ref-anywhere' is not a commit");
  }
}
