package io.poollab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BenchCommandTest {

  private int run(StringWriter err, String... args) {
    CommandLine cl = Main.commandLine();
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  @Test
  void shouldGiveUsageAndExit2OnBadFlags() {
    StringWriter err = new StringWriter();

    assertThat(run(err, "bench", "--profile", "slow", "--dry-run")).isEqualTo(2);
    assertThat(err.toString()).contains("'slow' is not one of: quick, standard, full").contains("Usage: benchmarks.jar bench");
  }

  @Test
  void shouldRefuseNonPositiveWorkersAndBadChunksizes() {
    StringWriter err = new StringWriter();

    assertThat(run(err, "bench", "--workers", "0", "--dry-run")).isEqualTo(2);
    assertThat(run(err, "bench", "--chunksizes", "x", "--dry-run")).isEqualTo(2);
    assertThat(run(err, "bench", "--include", "(", "--dry-run")).isEqualTo(2);
    assertThat(err.toString()).contains("--workers").contains("--chunksizes").contains("--include '('");
  }

  @Test
  void shouldRefuseAMissingDataset() {
    StringWriter err = new StringWriter();

    assertThat(run(err, "bench", "--profile", "quick", "--dataset", "/no/such/words.txt", "--no-python",
        "--out", System.getProperty("java.io.tmpdir") + "/poollab-bench-test-missing")).isEqualTo(2);
    assertThat(err.toString()).contains("/no/such/words.txt").doesNotContain("Usage");
  }

  @Test
  void shouldRefuseAnEmptyDatasetAndWriteNothing(@TempDir Path tmp) throws Exception {
    Path empty = Files.writeString(tmp.resolve("empty.txt"), "");
    Path out = tmp.resolve("run");
    StringWriter err = new StringWriter();

    assertThat(run(err, "bench", "--profile", "quick", "--dataset", empty.toString(), "--no-python",
        "--out", out.toString())).isEqualTo(2);
    assertThat(err.toString().strip()).isEqualTo("bench: --dataset " + empty
        + " holds no words; give a list with at least one word per line");
    assertThat(out).doesNotExist();
  }

  @Test
  void shouldPassThePoolsOwnSwitchesOnToTheForks() {
    System.setProperty("poollab.pool.slowdownNanos", "3000");
    try {
      assertThat(BenchCommand.poolProperties()).contains("-Dpoollab.pool.slowdownNanos=3000");
    } finally {
      System.clearProperty("poollab.pool.slowdownNanos");
    }
    assertThat(BenchCommand.poolProperties()).noneMatch(arg -> arg.contains("slowdownNanos"));
  }
}
