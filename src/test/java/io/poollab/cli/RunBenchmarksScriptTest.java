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

  /**
   * A checkout of the script alone whose jar is older than its sources, with a fake {@code java}
   * that prints how it was called and a fake {@code mvn} that says it was called: what the script
   * builds and runs, without building or running anything.
   */
  private Result inStaleCheckout(Path lab, String... args) throws IOException, InterruptedException {
    Path jdk = Files.createDirectories(tmp.resolve("jdk/bin"));
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    executable(jdk.resolve("java"), "#!/usr/bin/env bash\n"
        + "if [[ \"${1:-}\" == -version ]]; then echo 'openjdk version \"25.0.1\" 2025-10-21' >&2; exit 0; fi\n"
        + "echo \"java $*\"\n");
    executable(bin.resolve("mvn"), "#!/usr/bin/env bash\necho \"mvn $*\"\n");
    List<String> cmd = new ArrayList<>(List.of("bash", lab.resolve("run-benchmarks.sh").toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(lab.toFile())
        .redirectOutput(tmp.resolve("out.txt").toFile()).redirectError(tmp.resolve("err.txt").toFile());
    pb.environment().remove("POOLLAB_CLASSPATH");
    pb.environment().put("JAVA_HOME", jdk.getParent().toString());
    pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    Process p = pb.start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(p.exitValue(), Files.readString(tmp.resolve("out.txt")), Files.readString(tmp.resolve("err.txt")));
  }

  private static void executable(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8);
    assertThat(file.toFile().setExecutable(true)).isTrue();
  }

  @Test
  void shouldNotRebuildTheJarWhileClusterMembersRunFromIt() throws Exception {
    Path lab = Files.createDirectories(tmp.resolve("lab"));
    Files.copy(Path.of("run-benchmarks.sh"), lab.resolve("run-benchmarks.sh"));
    Files.writeString(lab.resolve("pom.xml"), "<project/>");
    Files.createDirectories(lab.resolve("src"));
    Files.writeString(lab.resolve("src/Newer.java"), "class Newer {}");
    Path jar = Files.createDirectories(lab.resolve("target")).resolve("benchmarks.jar");
    Files.writeString(jar, "the jar the members run");
    assertThat(jar.toFile().setLastModified(System.currentTimeMillis() - 3_600_000)).isTrue();

    Result alone = inStaleCheckout(lab, "hash", "--workers", "2");
    // a stand-in for a member: a process whose arguments are a member's (its class path this jar,
    // relative to its working directory, as 'java -cp target/benchmarks.jar' gives it)
    Process member = new ProcessBuilder("bash", "-c", "sleep 60; :", "member", "-cp", "target/benchmarks.jar",
        "io.poollab.cluster.MemberMain").directory(lab.toFile()).start();
    Result hash;
    Result bench;
    Result dryRun;
    try {
      hash = inStaleCheckout(lab, "hash", "--workers", "2");
      bench = inStaleCheckout(lab, "--profile", "quick", "--no-python");
      dryRun = inStaleCheckout(lab, "--profile", "quick", "--dry-run");
    } finally {
      member.descendants().forEach(ProcessHandle::destroy);
      member.destroy();
    }

    assertThat(alone.exit()).as(alone.err()).isZero();
    assertThat(alone.out()).contains("mvn -B -q -DskipTests package"); // no members: stale, so rebuilt
    assertThat(hash.exit()).as(hash.err()).isZero();
    assertThat(hash.out()).doesNotContain("mvn ").contains("-jar " + jar + " hash --workers 2");
    assertThat(hash.err()).contains("target/benchmarks.jar is older than src/ or pom.xml, but cluster members run"
        + " from it (pids " + member.pid() + "): not rebuilding it under them, running it as it is");
    // a benchmark run would measure the jar's code, not src/'s: it stops instead, in one line
    assertThat(bench.exit()).isEqualTo(2);
    assertThat(bench.out()).isEmpty();
    assertThat(bench.err().strip().lines()).singleElement().asString()
        .contains("cluster members run from it (pids " + member.pid() + "), so it cannot be rebuilt under them");
    assertThat(dryRun.exit()).as(dryRun.err()).isZero();
    assertThat(dryRun.out()).doesNotContain("mvn ").contains("bench --profile quick --dry-run");
    assertThat(jar).hasContent("the jar the members run");
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
