package io.poollab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code run-benchmarks.sh} with bash: flag checks in the script, and the plumbing of the
 * flags to the {@code bench} command through {@code --dry-run} (on the test class path, via
 * {@code POOLLAB_CLASSPATH}, so nothing is built or benchmarked).
 */
@Timeout(120)
class RunBenchmarksScriptTest {

  @TempDir Path tmp;

  private record Result(int exit, String out, String err) {}

  private Result script(String... args) throws IOException, InterruptedException {
    return scriptIn(Path.of("").toAbsolutePath(), args);
  }

  /** Runs the script from another working directory, as a user in their own folder would. */
  private Result scriptIn(Path cwd, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("bash", Path.of("run-benchmarks.sh").toAbsolutePath().toString()));
    cmd.addAll(List.of(args));
    Path out = tmp.resolve("out.txt");
    Path err = tmp.resolve("err.txt");
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().put("POOLLAB_CLASSPATH", System.getProperty("java.class.path"));
    Process p = pb.start();
    if (!p.waitFor(100, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("run-benchmarks.sh " + String.join(" ", args) + " did not finish");
    }
    return new Result(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void shouldRefuseAnUnknownFlagWithUsageAndExitCode2() throws Exception {
    Result r = script("--bogus");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("unknown option '--bogus'").contains("Usage: ./run-benchmarks.sh");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void shouldNameAnUnknownOrMisplacedCommand() throws Exception {
    Result typo = script("reprot", "reports/20260101-120000");
    Result late = script("--no-python", "report");

    assertThat(typo.exit()).isEqualTo(2);
    assertThat(typo.err()).contains("unknown command 'reprot'; the commands are hash, generate, report, check,"
        + " cluster").contains("Usage: ./run-benchmarks.sh");
    assertThat(late.exit()).isEqualTo(2);
    assertThat(late.err()).contains("'report' is a command: it comes first, as in ./run-benchmarks.sh report");
  }

  @Test
  void shouldRefuseARepeatedWorkerCountOrChunksize() throws Exception {
    Result workers = script("--profile", "quick", "--workers", "1,2,2", "--dry-run");
    Result chunks = script("--profile", "quick", "--chunksizes", "default,100,default", "--dry-run");

    assertThat(workers.exit()).isEqualTo(2);
    assertThat(workers.err()).contains("--workers '1,2,2' names 2 twice; give each count once")
        .contains("Usage: ./run-benchmarks.sh");
    assertThat(chunks.exit()).isEqualTo(2);
    assertThat(chunks.err()).contains("--chunksizes 'default,100,default' names default twice");
  }

  @Test
  void shouldRefuseAnEmptyOutInsteadOfUsingTheDefault() throws Exception {
    // the empty dataset stops a run that got past the script, before it writes anything
    Path empty = Files.writeString(tmp.resolve("empty.txt"), "", StandardCharsets.UTF_8);

    Result r = script("--out", "", "--dataset", empty.toString(), "--no-python", "--profile", "quick");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--out '' is empty; give the run folder, a new or empty one");
  }

  @Test
  void shouldPrintHelpAndExit0() throws Exception {
    Result r = script("--help");

    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("Usage: ./run-benchmarks.sh").contains("--profile NAME").contains("--no-python");
  }

  @Test
  void shouldRefuseBadValuesNamingThem() throws Exception {
    Result profile = script("--profile", "slow");
    Result workers = script("--workers", "1,0");
    Result chunks = script("--chunksizes", "1,big");
    Result missing = script("--profile");
    Result dataset = script("--dataset", tmp.resolve("nope.txt").toString());

    assertThat(profile.exit()).isEqualTo(2);
    assertThat(profile.err()).contains("--profile 'slow' is not one of: quick, standard, full");
    assertThat(workers.exit()).isEqualTo(2);
    assertThat(workers.err()).contains("--workers '1,0'");
    assertThat(chunks.exit()).isEqualTo(2);
    assertThat(chunks.err()).contains("--chunksizes '1,big'");
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("--profile needs a value");
    assertThat(dataset.exit()).isEqualTo(2);
    assertThat(dataset.err()).contains("nope.txt").contains("is not a file");
  }

  @Test
  void shouldStateADataErrorInOneLineWithoutTheUsage() throws Exception {
    Result dataset = script("--dataset", tmp.resolve("nope.txt").toString());

    assertThat(dataset.exit()).isEqualTo(2);
    assertThat(dataset.err().strip().lines()).singleElement().asString()
        .contains("--dataset").contains("nope.txt").contains("is not a file");
    assertThat(dataset.err()).doesNotContain("Usage");
  }

  @Test
  void shouldResolveTheUsersPathsAgainstTheirWorkingDirectory() throws Exception {
    Path userDir = Files.createDirectories(tmp.resolve("data"));
    Files.writeString(userDir.resolve("words.txt"), "alpha\nbeta\ngamma\n", StandardCharsets.UTF_8);

    Result r = scriptIn(userDir, "hash", "--dataset", "words.txt", "--no-progress");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("Loaded 3 words from words.txt").contains("Done, with 3 hashes");
  }

  @Test
  void shouldRefuseAnEmptyDatasetInOneLine() throws Exception {
    Path userDir = Files.createDirectories(tmp.resolve("empty"));
    Files.writeString(userDir.resolve("none.txt"), "", StandardCharsets.UTF_8);

    Result r = scriptIn(userDir, "hash", "--dataset", "none.txt", "--no-progress");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err().strip().lines()).singleElement().asString()
        .isEqualTo("hash: --dataset none.txt holds no words; give a list with at least one word per line");
  }

  @Test
  void shouldRefuseABadOutOrDatasetInADryRunBeforeThePlan() throws Exception {
    Path userDir = Files.createDirectories(tmp.resolve("user"));
    Files.writeString(userDir.resolve("afile"), "mine", StandardCharsets.UTF_8);
    Files.writeString(userDir.resolve("empty.txt"), "", StandardCharsets.UTF_8);
    Files.writeString(userDir.resolve("words.txt"), "alpha\nbeta\n", StandardCharsets.UTF_8);

    Result out = scriptIn(userDir, "--dry-run", "--profile", "quick", "--out", "afile", "--dataset", "words.txt");
    Result dataset = scriptIn(userDir, "--dry-run", "--profile", "quick", "--out", "run", "--dataset", "empty.txt");

    assertThat(out.exit()).isEqualTo(2);
    assertThat(out.err().strip().lines()).singleElement().asString()
        .isEqualTo("bench: --out afile is a file; give the run folder, a new or empty one");
    assertThat(out.out()).isEmpty(); // no plan for a run that cannot start
    assertThat(userDir.resolve("afile")).hasContent("mine");
    assertThat(dataset.exit()).isEqualTo(2);
    assertThat(dataset.err().strip().lines()).singleElement().asString()
        .contains("--dataset").contains("empty.txt").contains("holds no words");
    assertThat(dataset.out()).isEmpty();
    assertThat(userDir.resolve("run")).doesNotExist();
  }

  @Test
  void shouldSayNothingOfPythonWithNoPython() throws Exception {
    Result r = script("--profile", "quick", "--no-python", "--dry-run");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("Plan: profile quick").doesNotContainIgnoringCase("python");
    assertThat(r.err()).doesNotContainIgnoringCase("python");
  }

  @Test
  void shouldSayWhichSerialBaselinesAnIncludeKept() throws Exception {
    Result r = script("--profile", "quick", "--include", "POOL_MAP workers=2", "--no-python", "--dry-run");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("WordJobBenchmark.hashAll impl=SERIAL workers=1")
        .contains("--include kept 3 SERIAL baselines it does not match");
  }

  @Test
  void shouldPlanOnlyThePythonRunsThatPairWithWhatAnIncludeKeeps() throws Exception {
    Result none = script("--include", "RoundTrip", "--dry-run");
    Result cluster = script("--include",
        "WordJobBenchmark.*impl=(SERIAL|POOL_MAP) .*chunksize=default hashing=NEW_DIGEST|RoundTripLatencyBenchmark",
        "--dry-run");
    Result all = script("--dry-run");

    assertThat(none.exit()).as(none.err()).isZero();
    // no Python line, and no Python in the estimate ("JMH 35s, Python 1m00s")
    assertThat(none.out()).doesNotContain("Python reference:").doesNotContain(", Python ")
        .contains("--include keeps nothing Python's reference is compared with (").contains("Python does not run");
    assertThat(cluster.exit()).as(cluster.err()).isZero();
    assertThat(cluster.out())
        // (the word job runs at 4 workers too on 4 cores or more)
        .containsPattern("Python reference: serial, Pool\\(n\\)\\.map workers \\[1, 2(, 4)?\\] at the default"
            + " chunksize, 3 runs of each")
        .contains("--include: Python's reference runs only what pairs with the entries kept (")
        .contains("left out: its sleeps, its paced inputs");
    // the profile's own plan says nothing of it and runs Python's whole reference
    assertThat(all.out()).doesNotContain("--include").contains("ThreadPool[4, 20, 100] over 100 sleeps of 5 ms");
  }

  @Test
  void shouldListEveryBenchFlagInTheHelp() throws Exception {
    Result r = script("--help");

    assertThat(r.out()).contains("--lock-wait-minutes N").contains("--ignore-jmh-lock");
  }

  @Test
  void shouldPassTheFlagsToTheBenchCommand() throws Exception {
    Result r = script("--profile", "quick", "--workers", "1,3", "--chunksizes", "default,50",
        "--include", "WordJob", "--no-python", "--dry-run");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("Plan: profile quick")
        .contains("impl=POOL_MAP workers=3 chunksize=50 hashing=NEW_DIGEST")
        .contains("Estimated length:")
        .doesNotContain("CpuIoBenchmark");
  }

  @Test
  void shouldReportAnIncludeThatMatchesNothing() throws Exception {
    Result r = script("--include", "NoSuchBenchmark", "--dry-run");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--include 'NoSuchBenchmark' matches none");
  }
}
