package io.poollab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The protocol step by step, with a scripted fork runner and canary: no JVM is started. */
@Timeout(30)
class RoundRunnerTest {

  private static final IterationSettings S = new IterationSettings(1, Duration.ofMillis(10), 3, Duration.ofMillis(10));

  @TempDir Path dir;

  private final ByteArrayOutputStream progress = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(progress, true, StandardCharsets.UTF_8);

  private static ForkGroup.SideEntry entry(String impl, int workers) {
    return new ForkGroup.SideEntry("run", new PlanEntry(PlanBuilder.WORD_JOB,
        Map.of("impl", impl, "workers", Integer.toString(workers), "chunksize", "default", "hashing", "NEW_DIGEST"), S));
  }

  /** Serial 40 ms, POOL_MAP 40 / workers, unless the script says otherwise for a fork number. */
  private static final class ScriptedForks implements ForkRunner {
    final List<String> ran = new ArrayList<>();
    ToDoubleFunction<Integer> override = id -> Double.NaN;
    int failFork = -1;

    @Override
    public ForkResult run(PlanEntry entry, List<String> jvmArgs, Duration limit) throws ForkFailedException {
      int id = jvmArgs.stream().filter(a -> a.startsWith("-D" + BenchInputs.FORK + "="))
          .map(a -> Integer.parseInt(a.substring(a.indexOf('=') + 1))).findFirst().orElseThrow();
      ran.add(id + ":" + entry.params().get("impl") + "/" + entry.params().get("workers"));
      if (id == failFork) {
        throw new ForkFailedException("scripted failure", null);
      }
      double ms = entry.params().get("impl").equals("SERIAL") ? 40 : 40.0 / Integer.parseInt(entry.params().get("workers"));
      double o = override.applyAsDouble(id);
      if (!Double.isNaN(o)) {
        ms = o;
      }
      return new ForkResult("avgt", "ms/op", List.of(ms, ms, ms), Map.of(ForkResult.GC_TIME, List.of(1.0, 0.0, 2.0)),
          ForkResult.Jvm.UNKNOWN);
    }
  }

  private List<GroupRecord> groups() {
    return lastLog.groups();
  }

  private RoundLog lastLog;

  private RoundRunner.Summary run(ScriptedForks forks, QuietCanary canary, int rounds, List<ForkGroup.SideEntry> entries) {
    RoundLog log = new RoundLog(dir, "run");
    lastLog = log;
    return new RoundRunner(List.of(new RoundRunner.Side("run", forks, log, List.of("-Xmx64m"))), entries, rounds,
        11L, canary, out).run();
  }

  @Test
  void shouldRunEveryEntryOnceARoundAndNumberForksInOrder() {
    ScriptedForks forks = new ScriptedForks();
    RoundRunner.Summary s = run(forks, new QuietCanary(), 3, List.of(entry("SERIAL", 1), entry("POOL_MAP", 1), entry("POOL_MAP", 2)));

    assertThat(s.forks()).isEqualTo(9);
    assertThat(s.roundsRun()).isEqualTo(3);
    assertThat(s.disturbed()).isZero();
    assertThat(forks.ran).hasSize(9);
    for (int i = 0; i < 9; i++) {
      assertThat(forks.ran.get(i)).startsWith((i + 1) + ":");
    }
    assertThat(lastLog.forks()).allSatisfy(f -> assertThat(f.kept()).isTrue());
    // each round: one group [P, SERIAL, P]
    assertThat(groups()).hasSize(3).allSatisfy(g -> assertThat(g.forkIds()).hasSize(3));
    assertThat(groups()).allSatisfy(g -> assertThat(g.deviation()).isCloseTo(0.0, org.assertj.core.api.Assertions.within(1e-9)));
  }

  @Test
  void shouldRunADisturbedGroupAgainAfterTheLastRoundAndKeepTheCleanAttempt() {
    ScriptedForks forks = new ScriptedForks();
    // the second fork of the run shared the machine with a process using a whole core
    QuietCanary canary = new QuietCanary().foreign(0.0, 1.0);
    RoundRunner.Summary s = run(forks, canary, 3, List.of(entry("SERIAL", 1), entry("POOL_MAP", 2)));

    assertThat(s.disturbed()).isEqualTo(1);
    assertThat(s.rerun()).isEqualTo(1);
    assertThat(s.stillDisturbed()).isZero();
    assertThat(s.forks()).isEqualTo(8);
    GroupRecord first = groups().stream().filter(g -> g.round() == 1 && g.attempt() == 1).findFirst().orElseThrow();
    GroupRecord again = groups().stream().filter(g -> g.attempt() == 2).findFirst().orElseThrow();
    assertThat(first.disturbed()).isTrue();
    assertThat(first.reason()).contains("other processes used 1.00 cores");
    assertThat(first.kept()).isFalse();
    assertThat(again.round()).isEqualTo(1);
    assertThat(again.kept()).isTrue();
    assertThat(lastLog.forks().stream().filter(f -> first.forkIds().contains(f.id()))).allSatisfy(f -> assertThat(f.kept()).isFalse());
    assertThat(progress.toString(StandardCharsets.UTF_8)).contains("group 1.1 disturbed").contains("Re-running 1 disturbed group");
  }

  @Test
  void shouldRunTheStepBetweenTheRoundsAfterEachRoundsForksAndBeforeTheReRuns() {
    ScriptedForks forks = new ScriptedForks();
    // the first group is disturbed, so one re-run follows the last round
    QuietCanary canary = new QuietCanary().foreign(0.0, 1.0);
    RoundLog log = new RoundLog(dir, "run");
    List<String> steps = new ArrayList<>();

    RoundRunner.Summary s = new RoundRunner(List.of(new RoundRunner.Side("run", forks, log, List.of())),
        List.of(entry("SERIAL", 1), entry("POOL_MAP", 2)), 3, 11L, canary, out)
        .afterEachRound(round -> steps.add("after round " + round + ", forks " + forks.ran.size()), Duration.ofMinutes(3))
        .run();

    // two forks a round; the step sees each round's forks done and none of the next
    assertThat(steps).containsExactly("after round 1, forks 2", "after round 2, forks 4", "after round 3, forks 6");
    assertThat(s.rerun()).isEqualTo(1);
    assertThat(forks.ran).hasSize(8);
    // the time left counts the steps still to come: three minutes before the first round, none
    // once the last has run
    String text = progress.toString(StandardCharsets.UTF_8);
    assertThat(text.lines().filter(l -> l.startsWith("[round 1/3, 1/")).findFirst().orElseThrow()).contains("~3m0");
    assertThat(text.lines().filter(l -> l.contains(", re-run]")).findFirst().orElseThrow()).endsWith("~0s left)");
  }

  @Test
  void shouldTreatAForkFarFromItsOtherRoundsAsDisturbed() {
    ScriptedForks forks = new ScriptedForks();
    // the serial fork of round 2 (fork 4 of [P, S] x 3) ran 1.7x slow, with every counter quiet
    List<ForkGroup.SideEntry> entries = List.of(entry("SERIAL", 1), entry("POOL_MAP", 2));
    forks.override = id -> id == serialForkOfRound(forks, 2) ? 68.0 : Double.NaN;
    RoundRunner.Summary s = run(forks, new QuietCanary(), 3, entries);

    GroupRecord outlier = groups().stream().filter(g -> g.round() == 2 && g.attempt() == 1).findFirst().orElseThrow();
    assertThat(outlier.disturbed()).isTrue();
    assertThat(outlier.reason()).contains("SERIAL measured 70% above its median in the other rounds");
    assertThat(outlier.deviation()).isCloseTo(0.70, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(s.rerun()).isEqualTo(1);
    assertThat(groups().stream().filter(g -> g.round() == 2 && g.attempt() == 2).findFirst().orElseThrow().kept()).isTrue();
  }

  /** The fork number the serial entry of a round gets: rounds run [P, S] or [S, P], two forks each. */
  private static int serialForkOfRound(ScriptedForks forks, int round) {
    // the order inside a pair is drawn from the seed; ask the scheduler rather than guess
    List<ForkGroup> r = RoundScheduler.round(List.of(entry("SERIAL", 1), entry("POOL_MAP", 2)), round, 11L);
    int before = 2 * (round - 1);
    return before + 1 + r.get(0).members().indexOf(entry("SERIAL", 1));
  }

  @Test
  void shouldKeepTheLessDisturbedAttemptWhenTheReRunIsDisturbedToo() {
    ScriptedForks forks = new ScriptedForks();
    // forks 1-2: round 1; 3-4: round 2; 5-6: the re-run of round 1, disturbed more
    QuietCanary canary = new QuietCanary().foreign(0.5, 0.0, 0.0, 0.0, 1.5, 0.0);
    RoundRunner.Summary s = run(forks, canary, 2, List.of(entry("SERIAL", 1), entry("POOL_MAP", 2)));

    assertThat(s.rerun()).isEqualTo(1);
    assertThat(s.stillDisturbed()).isEqualTo(1);
    assertThat(groups().stream().filter(g -> g.round() == 1 && g.attempt() == 1).findFirst().orElseThrow().kept()).isTrue();
    assertThat(groups().stream().filter(g -> g.round() == 1 && g.attempt() == 2).findFirst().orElseThrow().kept()).isFalse();
  }

  @Test
  void shouldTakeASlowProbeAgainAndJudgeTheGroupByTheFasterReading() {
    ScriptedForks forks = new ScriptedForks();
    // five reference probes, then group 1: before 40 (again 26: a blip), after 40 and again 41
    QuietCanary canary = new QuietCanary().probes(25, 25, 25, 25, 25, 40, 26, 40, 41);
    RoundRunner.Summary s = run(forks, canary, 1, List.of(entry("SERIAL", 1), entry("POOL_MAP", 2)));

    GroupRecord g = groups().get(0);
    assertThat(g.probeBeforeMillis()).isEqualTo(26.0);
    assertThat(g.probeAfterMillis()).isEqualTo(40.0);
    assertThat(g.disturbed()).isTrue();
    assertThat(g.reason()).contains("the CPU probe took 60% longer than usual");
    assertThat(s.disturbed()).isEqualTo(1);
  }

  @Test
  void shouldRecordAFailedForkAndGoOn() {
    ScriptedForks forks = new ScriptedForks();
    forks.failFork = 1;
    RoundRunner.Summary s = run(forks, new QuietCanary(), 2, List.of(entry("SERIAL", 1), entry("POOL_MAP", 2)));

    assertThat(s.forks()).isEqualTo(4);
    assertThat(s.failed()).hasSize(1);
    ForkRecord failed = lastLog.forks().get(0);
    assertThat(failed.succeeded()).isFalse();
    assertThat(failed.failure()).isEqualTo("scripted failure");
    assertThat(progress.toString(StandardCharsets.UTF_8)).contains("FAILED: scripted failure");
  }

  /** Three rounds of [P, SERIAL] whose first group is disturbed, re-runs bounded by {@code deadline}. */
  private RoundRunner.Summary runWithDeadline(Duration deadline) {
    QuietCanary canary = new QuietCanary().foreign(0.0, 1.0);
    return new RoundRunner(List.of(new RoundRunner.Side("run", new ScriptedForks(), new RoundLog(dir, "run"), List.of())),
        List.of(entry("SERIAL", 1), entry("POOL_MAP", 2)), 3, 11L, canary, out)
        .rerunDeadline(deadline).run();
  }

  @Test
  void shouldStartNoReRunThatWouldEndPastTheDeadline() {
    RoundRunner.Summary s = runWithDeadline(Duration.ZERO);

    assertThat(s.disturbed()).isEqualTo(1);
    assertThat(s.rerun()).isZero();
    assertThat(s.stillDisturbed()).isEqualTo(1);
    assertThat(s.forks()).isEqualTo(6);
    assertThat(progress.toString(StandardCharsets.UTF_8)).contains("Re-runs stop here: the next would end past the profile's time limit");
  }

  @Test
  void shouldReRunWhenTheReRunEndsBeforeTheDeadline() {
    // the scripted forks take no time; a group's estimate is a few seconds
    RoundRunner.Summary s = runWithDeadline(Duration.ofMinutes(5));

    assertThat(s.rerun()).isEqualTo(1);
    assertThat(s.stillDisturbed()).isZero();
    assertThat(progress.toString(StandardCharsets.UTF_8)).doesNotContain("Re-runs stop here");
  }

  @Test
  void shouldStartNoRoundAfterTheFirstOnceTheTimeBoxIsOver() {
    ScriptedForks forks = new ScriptedForks();
    RoundLog log = new RoundLog(dir, "run");
    RoundRunner.Summary s = new RoundRunner(List.of(new RoundRunner.Side("run", forks, log, List.of())),
        List.of(entry("SERIAL", 1), entry("POOL_MAP", 2)), 5, 1L, new QuietCanary(), out)
        .timeBox(Duration.ZERO).run();

    assertThat(s.roundsRun()).isEqualTo(1);
    assertThat(s.forks()).isEqualTo(2);
    assertThat(progress.toString(StandardCharsets.UTF_8)).contains("Time box reached");
  }
}
