package io.poollab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
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
  void shouldRefuseAListOfBlankLinesAndWriteNothing(@TempDir Path tmp) throws Exception {
    Path blank = Files.writeString(tmp.resolve("blank.txt"), "\n\n\n");
    Path out = tmp.resolve("run");
    StringWriter err = new StringWriter();

    assertThat(run(err, "bench", "--profile", "quick", "--dataset", blank.toString(), "--no-python",
        "--out", out.toString())).isEqualTo(2);
    assertThat(err.toString().strip()).startsWith("bench: --dataset " + blank
        + " holds no words: its 3 lines are all blank; give a list with at least one word per line");
    assertThat(out).doesNotExist();
  }

  // The --out cases below give an empty dataset: a folder that passes the check then stops at
  // "holds no words", so no case can start a benchmark, and the check must come before the load.

  @Test
  void shouldRefuseAnOutFolderHoldingFilesTheLabDidNotCreate(@TempDir Path tmp) throws Exception {
    Path empty = Files.writeString(tmp.resolve("empty.txt"), "");
    Path mine = Files.createDirectories(tmp.resolve("mine"));
    Path notes = Files.writeString(mine.resolve("metadata.json"), "my own notes");
    Files.writeString(mine.resolve("jmh.log"), "my own log");
    StringWriter err = new StringWriter();

    assertThat(run(err, "bench", "--profile", "quick", "--dataset", empty.toString(), "--no-python",
        "--out", mine.toString())).isEqualTo(2);
    assertThat(err.toString().strip()).isEqualTo("bench: --out " + mine + " already holds files (jmh.log,"
        + " metadata.json); a run goes only into a new or empty folder, so that it overwrites nothing the"
        + " lab did not create: choose another");
    assertThat(notes).hasContent("my own notes");
    try (Stream<Path> files = Files.list(mine)) {
      assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("metadata.json", "jmh.log");
    }
  }

  @Test
  void shouldRefuseAnOutFolderThatHoldsARunInOneLine(@TempDir Path tmp) throws Exception {
    Path empty = Files.writeString(tmp.resolve("empty.txt"), "");
    Path earlier = Files.createDirectories(tmp.resolve("20260101-120000"));
    Files.writeString(earlier.resolve("jmh.json"), "[]");
    StringWriter err = new StringWriter();

    assertThat(run(err, "bench", "--profile", "quick", "--dataset", empty.toString(), "--no-python",
        "--out", earlier.toString())).isEqualTo(2);
    assertThat(err.toString().strip())
        .isEqualTo("bench: --out " + earlier + " already holds a run (jmh.json); choose a new folder");
    assertThat(earlier.resolve("jmh.json")).hasContent("[]");
  }

  @Test
  void shouldRefuseAnOutThatIsAFileOrEmpty(@TempDir Path tmp) throws Exception {
    Path empty = Files.writeString(tmp.resolve("empty.txt"), "");
    Path file = Files.writeString(tmp.resolve("results.txt"), "mine");
    StringWriter fileErr = new StringWriter();
    StringWriter emptyErr = new StringWriter();

    assertThat(run(fileErr, "bench", "--profile", "quick", "--dataset", empty.toString(), "--no-python",
        "--out", file.toString())).isEqualTo(2);
    assertThat(run(emptyErr, "bench", "--profile", "quick", "--dataset", empty.toString(), "--no-python",
        "--out", "")).isEqualTo(2);
    assertThat(fileErr.toString().strip())
        .isEqualTo("bench: --out " + file + " is a file; give the run folder, a new or empty one");
    assertThat(file).hasContent("mine");
    assertThat(emptyErr.toString().strip())
        .isEqualTo("bench: --out is empty; give the run folder, a new or empty one (e.g. reports/mine)");
  }

  @Test
  void shouldAcceptAnEmptyOutFolder(@TempDir Path tmp) throws Exception {
    Path empty = Files.writeString(tmp.resolve("empty.txt"), "");
    Path made = Files.createDirectories(tmp.resolve("made-for-it"));
    StringWriter err = new StringWriter();

    assertThat(run(err, "bench", "--profile", "quick", "--dataset", empty.toString(), "--no-python",
        "--out", made.toString())).isEqualTo(2);
    // past the folder's check: the dataset is what stops it
    assertThat(err.toString()).contains("holds no words").doesNotContain("--out");
  }

  @Test
  void shouldCheckTheOutFolderAndTheDatasetInADryRun(@TempDir Path tmp) throws Exception {
    Path words = Files.writeString(tmp.resolve("words.txt"), "alpha\nbeta\n");
    Path blank = Files.writeString(tmp.resolve("blank.txt"), "\n\n");
    Path file = Files.writeString(tmp.resolve("afile"), "mine");
    Path fresh = tmp.resolve("new-run");
    StringWriter fileErr = new StringWriter();
    StringWriter blankErr = new StringWriter();
    StringWriter okErr = new StringWriter();

    int toAFile = run(fileErr, "bench", "--profile", "quick", "--dataset", words.toString(), "--out", file.toString(),
        "--dry-run");
    int overBlank = run(blankErr, "bench", "--profile", "quick", "--dataset", blank.toString(), "--out",
        fresh.toString(), "--dry-run");
    int fine = run(okErr, "bench", "--profile", "quick", "--dataset", words.toString(), "--out", fresh.toString(),
        "--dry-run");

    assertThat(toAFile).isEqualTo(2);
    assertThat(fileErr.toString().strip())
        .isEqualTo("bench: --out " + file + " is a file; give the run folder, a new or empty one");
    assertThat(file).hasContent("mine");
    assertThat(overBlank).isEqualTo(2);
    assertThat(blankErr.toString().strip()).startsWith("bench: --dataset " + blank + " holds no words");
    assertThat(fine).as(okErr.toString()).isZero();
    assertThat(fresh).doesNotExist(); // a dry run checks the folder without making it
  }

  @Test
  void shouldRefuseARepeatedWorkerCountOrChunksize() {
    StringWriter workers = new StringWriter();
    StringWriter chunks = new StringWriter();

    assertThat(run(workers, "bench", "--profile", "quick", "--workers", "1,2,2", "--dry-run")).isEqualTo(2);
    assertThat(run(chunks, "bench", "--profile", "quick", "--chunksizes", "default,100,0100", "--dry-run"))
        .isEqualTo(2);
    assertThat(workers.toString()).contains("--workers: workers must not repeat a count, was [1, 2, 2] (2 twice)");
    assertThat(chunks.toString())
        .contains("--chunksizes: chunksizes must not repeat a size, was [default, 100, 0100] (100 twice)");
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
