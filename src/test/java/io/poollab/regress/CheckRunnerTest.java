package io.poollab.regress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.poollab.report.RunReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole check on synthetic run folders, baseline stored with {@link BaselineStore}. */
class CheckRunnerTest {

  private static final String MAP_SPEEDUP =
      "speedup:WordJobBenchmark.hashAll:POOL_MAP:workers=2:chunksize=default:hashing=NEW_DIGEST";
  private static final String IMAP_SPEEDUP =
      "speedup:WordJobBenchmark.hashAll:POOL_IMAP_UNORDERED:workers=2:chunksize=1:hashing=NEW_DIGEST";

  @TempDir Path reports;

  @BeforeEach
  void storeBaseline() {
    Path base = SyntheticRun.wordJob(1, 100, 52, 60, 0.01).writeTo(reports.resolve("20260101-000000"));
    Path stored = BaselineStore.update(base, reports);
    assertThat(stored).isEqualTo(reports.resolve("baseline/linux-x86_64-2c"));
    assertThat(stored.resolve("jmh.json")).exists();
    assertThat(stored.resolve("metadata.json")).exists();
  }

  private final StringWriter said = new StringWriter();
  private final PrintWriter progress = new PrintWriter(said, true);

  private CheckRunner.Result check(SyntheticRun run) {
    Path dir = run.writeTo(reports.resolve("20260102-000000"));
    return CheckRunner.check(dir, null, reports, CheckOptions.DEFAULTS, null, progress);
  }

  /** A confirmer that "measures again" by writing the given synthetic run and reading it back. */
  private final class Scripted implements Confirmer {
    final List<Set<String>> asked = new ArrayList<>();
    private final SyntheticRun fresh;
    private final int clean;

    Scripted(SyntheticRun fresh, int clean) {
      this.fresh = fresh;
      this.clean = clean;
    }

    @Override
    public Confirmation confirm(Set<String> configs, int rounds, Duration timeBox) {
      asked.add(configs);
      Path dir = fresh.writeTo(reports.resolve("20260102-000000/confirm"));
      return new Confirmation(RunReader.read(dir), null, rounds, clean, dir.toString());
    }
  }

  private static Outcome outcome(Verdict v, String key) {
    return v.comparisons().stream().filter(c -> c.key().equals(key)).findFirst().orElseThrow().outcome();
  }

  @Test
  void shouldPassAnIdenticalRun() {
    Verdict v = check(SyntheticRun.wordJob(1, 100, 52, 60, 0.01)).verdict();
    assertThat(v.comparisons()).hasSize(2).allMatch(c -> c.outcome() == Outcome.UNCHANGED);
    assertThat(v.exitCode()).isZero();
    assertThat(v.baseline()).endsWith("linux-x86_64-2c");
  }

  @Test
  void shouldPassTheSameCodeWithFreshNoise() {
    Verdict v = check(SyntheticRun.wordJob(99, 100, 52, 60, 0.03)).verdict();
    assertThat(v.exitCode()).isZero();
  }

  @Test
  void shouldPassARunOnAMachineTwiceAsSlowBecauseRatiosCarryOver() {
    Verdict v = check(SyntheticRun.wordJob(7, 200, 104, 120, 0.01)).verdict();
    assertThat(v.exitCode()).isZero();
    assertThat(v.with(Outcome.REGRESSED)).isEmpty();
  }

  @Test
  void shouldFailWhenThePoolGotSlowerBeyondThresholdAndNoise() {
    Verdict v = check(SyntheticRun.wordJob(2, 100, 70, 60, 0.01)).verdict();
    assertThat(v.exitCode()).isEqualTo(1);
    assertThat(v.with(Outcome.REGRESSED)).extracting(FigureComparison::key).containsExactly(MAP_SPEEDUP);
    assertThat(outcome(v, IMAP_SPEEDUP)).isEqualTo(Outcome.UNCHANGED);
    assertThat(v.confirmation()).contains("no confirmation");
  }

  @Test
  void shouldFailOnlyWhenFreshRoundsConfirmTheRegression() {
    Scripted stillSlow = new Scripted(threeRounds(40, 100, 70, 60), 3);
    Path dir = SyntheticRun.wordJob(2, 100, 70, 60, 0.01).writeTo(reports.resolve("20260102-000000"));
    Verdict v = CheckRunner.check(dir, null, reports, CheckOptions.DEFAULTS, stillSlow, progress).verdict();

    assertThat(stillSlow.asked).singleElement().satisfies(configs -> assertThat(configs).hasSize(2)
        .anyMatch(k -> k.contains("impl=POOL_MAP")).anyMatch(k -> k.contains("impl=SERIAL")));
    FigureComparison map = v.comparisons().stream().filter(c -> c.key().equals(MAP_SPEEDUP)).findFirst().orElseThrow();
    assertThat(map.outcome()).isEqualTo(Outcome.REGRESSED);
    assertThat(map.confirmation().rounds()).isEqualTo(3);
    assertThat(v.exitCode()).isEqualTo(Verdict.FAIL);
    assertThat(v.confirmation()).contains("1 candidate(s) measured again in 5 fresh round(s), 3 with no disturbed group")
        .contains("1 confirmed");
    assertThat(said.toString()).contains("1 figure(s) look regressed: " + MAP_SPEEDUP);
  }

  @Test
  void shouldPassWhenFreshRoundsDoNotConfirmIt() {
    Scripted fine = new Scripted(threeRounds(41, 100, 52, 60), 3);
    Path dir = SyntheticRun.wordJob(2, 100, 70, 60, 0.01).writeTo(reports.resolve("20260102-000000"));
    Verdict v = CheckRunner.check(dir, null, reports, CheckOptions.DEFAULTS, fine, progress).verdict();

    assertThat(outcome(v, MAP_SPEEDUP)).isEqualTo(Outcome.CLEARED);
    assertThat(v.exitCode()).isEqualTo(Verdict.PASS);
    assertThat(v.headline()).startsWith("PASS: 0 regressed, 1 not confirmed");
  }

  @Test
  void shouldSayInconclusiveWhenTheFreshRoundsAreDisturbed() {
    SyntheticRun disturbed = threeRounds(42, 100, 90, 60).disturbed(1).disturbed(2).disturbed(3);
    Path dir = SyntheticRun.wordJob(2, 100, 70, 60, 0.01).writeTo(reports.resolve("20260102-000000"));
    Verdict v = CheckRunner.check(dir, null, reports, CheckOptions.DEFAULTS, new Scripted(disturbed, 0), progress)
        .verdict();

    assertThat(outcome(v, MAP_SPEEDUP)).isEqualTo(Outcome.INCONCLUSIVE);
    assertThat(v.exitCode()).isEqualTo(Verdict.INCONCLUSIVE);
    assertThat(VerdictWriter.table(v)).startsWith("INCONCLUSIVE: 0 regressed, 1 inconclusive");
  }

  @Test
  void shouldAskNoConfirmationWhenNothingLooksRegressed() {
    Scripted never = new Scripted(SyntheticRun.wordJob(43, 100, 52, 60, 0.01), 4);
    Path dir = SyntheticRun.wordJob(1, 100, 52, 60, 0.01).writeTo(reports.resolve("20260102-000000"));
    Verdict v = CheckRunner.check(dir, null, reports, CheckOptions.DEFAULTS, never, progress).verdict();
    assertThat(never.asked).isEmpty();
    assertThat(v.confirmation()).isEmpty();
    assertThat(v.exitCode()).isZero();
  }

  @Test
  void shouldCompareTwoBuildsMeasuredSideBySide() {
    Path ref = SyntheticRun.wordJob(50, 100, 52, 60, 0.01).writeTo(reports.resolve("ab/ref"));
    Path same = SyntheticRun.wordJob(51, 100, 52, 60, 0.01).writeTo(reports.resolve("ab/head"));
    CheckRunner.Result r = CheckRunner.against(ref, same, CheckOptions.DEFAULTS, null, progress);
    assertThat(r.verdict().exitCode()).isZero();
    assertThat(r.verdict().baseline()).isEqualTo(ref.toString());

    Path slower = SyntheticRun.wordJob(52, 100, 70, 60, 0.01).writeTo(reports.resolve("ab2/head"));
    Verdict v = CheckRunner.against(ref, slower, CheckOptions.DEFAULTS, null, progress).verdict();
    assertThat(v.with(Outcome.REGRESSED)).extracting(FigureComparison::key).containsExactly(MAP_SPEEDUP);
  }

  @Test
  void shouldPassWhenSlowerOnlyWithinTheNoise() {
    // 13% lower speed-up, but 20% noise per iteration on both sides
    Path noisyBase = SyntheticRun.wordJob(30, 100, 52, 60, 0.20).writeTo(reports.resolve("noisy-base"));
    Path run = SyntheticRun.wordJob(3, 100, 60, 60, 0.20).writeTo(reports.resolve("20260102-000000"));
    Verdict v = CheckRunner.check(run, noisyBase, reports, CheckOptions.DEFAULTS, null, progress).verdict();
    FigureComparison map =
        v.comparisons().stream().filter(c -> c.key().equals(MAP_SPEEDUP)).findFirst().orElseThrow();
    assertThat(map.worsening()).isGreaterThan(0.10);
    assertThat(map.outcome()).isEqualTo(Outcome.NOISE);
    assertThat(v.exitCode()).isZero();
  }

  @Test
  void shouldReportAFasterPoolAsAnImprovement() {
    // imap_unordered from 1.67x to 1.92x
    Verdict v = check(SyntheticRun.wordJob(4, 100, 52, 52, 0.01)).verdict();
    assertThat(outcome(v, IMAP_SPEEDUP)).isEqualTo(Outcome.IMPROVED);
    assertThat(v.exitCode()).isZero();
  }

  @Test
  void shouldNeverCallAFasterThanPossibleFigureAnImprovement() {
    // the map at 2 workers 2.2x faster than the plain loop: beyond what 2 workers can do
    Verdict v = check(SyntheticRun.wordJob(4, 100, 45, 60, 0.01)).verdict();
    FigureComparison map = v.comparisons().stream().filter(c -> c.key().equals(MAP_SPEEDUP)).findFirst().orElseThrow();
    assertThat(map.current().quality().flags()).contains(io.poollab.report.QualityFlag.SUSPECT);
    assertThat(map.outcome()).isEqualTo(Outcome.NOISE);
  }

  private static SyntheticRun threeRounds(long seed, double serial, double map, double imap) {
    return SyntheticRun.seeded(seed).rounds(3)
        .result("SERIAL", 1, "default", serial, 0.01)
        .result("POOL_MAP", 2, "default", map, 0.01)
        .result("POOL_IMAP_UNORDERED", 2, "1", imap, 0.01);
  }

  @Test
  void shouldNameAFigureMissingFromTheRun() {
    SyntheticRun run = SyntheticRun.seeded(5).result("SERIAL", 1, "default", 100, 0.01)
        .result("POOL_MAP", 2, "default", 52, 0.01);
    Verdict v = check(run).verdict();
    assertThat(v.with(Outcome.MISSING)).extracting(FigureComparison::key).contains(IMAP_SPEEDUP);
    assertThat(v.exitCode()).isEqualTo(1);
    assertThat(VerdictWriter.table(v)).contains(IMAP_SPEEDUP + "  ");
  }

  @Test
  void shouldNameAFigureNewInTheRunAndPass() {
    SyntheticRun run = SyntheticRun.wordJob(6, 100, 52, 60, 0.01)
        .result("POOL_IMAP", 2, "100", 55, 0.01);
    Verdict v = check(run).verdict();
    assertThat(v.with(Outcome.NEW)).extracting(FigureComparison::key)
        .contains("speedup:WordJobBenchmark.hashAll:POOL_IMAP:workers=2:chunksize=100:hashing=NEW_DIGEST");
    assertThat(v.exitCode()).isZero();
  }

  @Test
  void shouldFallBackToFloorsWithoutABaselineAndSaySo() {
    Path dir = SyntheticRun.wordJob(8, 100, 52, 60, 0.01).machineClass("linux-aarch64-4c")
        .writeTo(reports.resolve("20260103-000000"));
    CheckRunner.Result r = CheckRunner.check(dir, null, reports, CheckOptions.DEFAULTS, null, progress);
    assertThat(r.verdict().usedFloors()).isTrue();
    assertThat(r.warnings()).anyMatch(w -> w.contains("no baseline for machine class linux-aarch64-4c"));
    assertThat(r.verdict().floors()).extracting(FloorResult::outcome)
        .containsExactly(Outcome.FLOOR_MET, Outcome.FLOOR_MET, Outcome.FLOOR_MET);
    assertThat(r.verdict().exitCode()).isZero();

    Path slow = SyntheticRun.wordJob(9, 100, 80, 90, 0.01).machineClass("linux-aarch64-4c")
        .writeTo(reports.resolve("20260104-000000"));
    Verdict v = CheckRunner.check(slow, null, reports, CheckOptions.DEFAULTS, null, progress).verdict();
    assertThat(v.exitCode()).isEqualTo(1);
    assertThat(VerdictWriter.table(v)).contains("BELOW FLOOR").contains("baseline: none");
  }

  /** The word job's map on member processes (backend=CLUSTER), one per worker: 0.67x, as on 2 vCPUs. */
  private static SyntheticRun withMemberProcesses(SyntheticRun run) {
    java.util.Map<String, String> p = new java.util.TreeMap<>(java.util.Map.of("impl", "POOL_MAP", "workers", "2",
        "chunksize", "default", "hashing", "NEW_DIGEST", "backend", "CLUSTER", "members", "2"));
    double[][] raw = new double[4][5];
    for (double[] round : raw) {
      java.util.Arrays.fill(round, 150);
    }
    return run.raw(SyntheticRun.WORD_JOB, p, raw);
  }

  private static final String CLUSTER_SPEEDUP = "speedup:WordJobBenchmark.hashAll:POOL_MAP:workers=2"
      + ":chunksize=default:backend=CLUSTER:hashing=NEW_DIGEST:members=2";

  @Test
  void shouldReportFiguresOnMemberProcessesAsNewWithoutGatingOnThem() {
    // the committed baseline has no figure on member processes: a standard run's are new, not failed
    Verdict v = check(withMemberProcesses(SyntheticRun.wordJob(6, 100, 52, 60, 0.01))).verdict();

    assertThat(outcome(v, CLUSTER_SPEEDUP)).isEqualTo(Outcome.NEW);
    assertThat(outcome(v, MAP_SPEEDUP)).isEqualTo(Outcome.UNCHANGED);
    assertThat(v.exitCode()).isZero();
  }

  @Test
  void shouldHoldNoFigureOnMemberProcessesToTheFloors() {
    // "map at 2 workers beats the plain loop" is about threads: 0.67x on processes does not miss it
    Path dir = withMemberProcesses(SyntheticRun.wordJob(8, 100, 52, 60, 0.01)).machineClass("linux-aarch64-4c")
        .writeTo(reports.resolve("20260103-000000"));
    Verdict v = CheckRunner.check(dir, null, reports, CheckOptions.DEFAULTS, null, progress).verdict();

    assertThat(v.usedFloors()).isTrue();
    assertThat(v.floors()).extracting(FloorResult::outcome)
        .containsExactly(Outcome.FLOOR_MET, Outcome.FLOOR_MET, Outcome.FLOOR_MET);
    assertThat(v.floors()).extracting(FloorResult::decidingKey).doesNotContain(CLUSTER_SPEEDUP);
    assertThat(v.exitCode()).isZero();
    assertThat(Floors.appliesTo(CLUSTER_SPEEDUP)).isFalse();
    assertThat(Floors.appliesTo(MAP_SPEEDUP)).isTrue();
  }

  @Test
  void shouldRefuseAMalformedRunNamingTheFile() throws IOException {
    Path dir = Files.createDirectories(reports.resolve("20260105-000000"));
    Files.writeString(dir.resolve("jmh.json"), "[{\"benchmark\": ");
    assertThatThrownBy(() -> CheckRunner.check(dir, null, reports, CheckOptions.DEFAULTS, null, progress))
        .isInstanceOf(CheckInputException.class)
        .hasMessageContaining("run " + dir)
        .hasMessageContaining("jmh.json");
  }

  @Test
  void shouldRefuseAMissingRunFolder() {
    Path dir = reports.resolve("nope");
    assertThatThrownBy(() -> CheckRunner.check(dir, null, reports, CheckOptions.DEFAULTS, null, progress))
        .isInstanceOf(CheckInputException.class)
        .hasMessageContaining(dir.toString())
        .hasMessageContaining("does not exist");
  }

  @Test
  void shouldRefuseAMalformedBaselineNamingIt() throws IOException {
    Files.writeString(reports.resolve("baseline/linux-x86_64-2c/jmh.json"), "{}");
    assertThatThrownBy(() -> check(SyntheticRun.wordJob(1, 100, 52, 60, 0.01)))
        .isInstanceOf(CheckInputException.class)
        .hasMessageContaining("baseline " + reports.resolve("baseline/linux-x86_64-2c"))
        .hasMessageContaining("jmh.json");
  }

  @Test
  void shouldReplaceAnOldBaseline() throws IOException {
    Path newer = SyntheticRun.wordJob(10, 100, 70, 60, 0.01).writeTo(reports.resolve("20260106-000000"));
    Path stored = BaselineStore.update(newer, reports);
    assertThat(Files.readString(stored.resolve("jmh.json"))).isEqualTo(Files.readString(newer.resolve("jmh.json")));
    try (var files = Files.list(stored.getParent())) {
      assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("linux-x86_64-2c");
    }
  }

  @Test
  void shouldFindTheNewestRun() {
    SyntheticRun.wordJob(1, 100, 52, 60, 0.01).writeTo(reports.resolve("20260301-000000"));
    SyntheticRun.wordJob(1, 100, 52, 60, 0.01).writeTo(reports.resolve("20260201-000000"));
    assertThat(BaselineStore.newestRun(reports)).contains(reports.resolve("20260301-000000"));
    assertThat(BaselineStore.newestRun(reports.resolve("absent"))).isEmpty();
  }

  @Test
  void shouldWarnWhenTheRunHasGaps() {
    SyntheticRun run = SyntheticRun.wordJob(11, 100, 52, 60, 0.01);
    // the word job has a SERIAL result, but not for this workload: a gap the check names
    run.raw(SyntheticRun.WORD_JOB,
        java.util.Map.of("impl", "POOL_MAP", "workers", "2", "chunksize", "default",
            "hashing", "WORKER_DIGEST"),
        new double[][] {{5, 5, 5}});
    // a method with no SERIAL result at all (a latency benchmark) is no gap
    run.raw("io.poollab.bench.FirstResultBenchmark.firstResult",
        java.util.Map.of("impl", "POOL_MAP", "workers", "2", "chunksize", "default"),
        new double[][] {{5, 5, 5}});
    List<String> warnings = check(run).warnings();
    assertThat(warnings).anyMatch(w -> w.startsWith("run: ") && w.contains("hashing=WORKER_DIGEST"));
    assertThat(warnings).noneMatch(w -> w.contains("FirstResultBenchmark"));
  }

  @Test
  void shouldSayThatASingleRunBaselineKnowsNoNoiseBetweenRuns() {
    CheckRunner.Result r = check(SyntheticRun.wordJob(1, 100, 52, 60, 0.01));
    assertThat(r.warnings()).anyMatch(w -> w.contains("the baseline holds 1 run"));
  }

  @Test
  void shouldApplyTheBaselinesThresholdsFileUnderTheCommandLinesRules() throws IOException {
    Path thresholds = reports.resolve("baseline/linux-x86_64-2c/thresholds.txt");
    Files.writeString(thresholds, "# cross-host noise\n\nspeedup:*POOL_MAP*=50%\n");
    // the pool's map 26% slower: past 5% but within the file's 50% for its speed-up
    CheckRunner.Result r = check(SyntheticRun.wordJob(2, 100, 70, 60, 0.01));
    assertThat(outcome(r.verdict(), MAP_SPEEDUP)).isEqualTo(Outcome.UNCHANGED);
    assertThat(r.verdict().comparisons().stream().filter(c -> c.key().equals(MAP_SPEEDUP))
        .findFirst().orElseThrow().threshold()).isEqualTo(0.5);
    assertThat(r.warnings()).anyMatch(w -> w.startsWith("thresholds from ")
        && w.contains("speedup:*POOL_MAP*=50.0%"));

    // a --threshold rule comes after the file's and wins
    Path dir = reports.resolve("20260102-000000");
    CheckOptions cli = CheckOptions.DEFAULTS.withRulesBefore(List.of(ThresholdRule.parse("speedup:*=10%")));
    Verdict v = CheckRunner.check(dir, null, reports, cli, null, progress).verdict();
    assertThat(outcome(v, MAP_SPEEDUP)).isEqualTo(Outcome.REGRESSED);
  }

  @Test
  void shouldRefuseAMalformedThresholdsFileNamingFileAndLine() throws IOException {
    Path thresholds = reports.resolve("baseline/linux-x86_64-2c/thresholds.txt");
    Files.writeString(thresholds, "# ok\nspeedup:*=15%\nspeedup:*=fast\n");
    assertThatThrownBy(() -> check(SyntheticRun.wordJob(1, 100, 52, 60, 0.01)))
        .isInstanceOf(CheckInputException.class)
        .hasMessageContaining("thresholds.txt line 3")
        .hasMessageContaining("fast");
  }

  @Test
  void shouldKeepTheThresholdsFileWhenTheBaselineIsReplaced() throws IOException {
    Path thresholds = reports.resolve("baseline/linux-x86_64-2c/thresholds.txt");
    Files.writeString(thresholds, "speedup:*=25%\n");
    Path newer = SyntheticRun.wordJob(10, 100, 70, 60, 0.01).writeTo(reports.resolve("20260107-000000"));
    Path stored = BaselineStore.update(List.of(newer), reports);
    assertThat(stored.resolve("thresholds.txt")).hasContent("speedup:*=25%");
    assertThat(BaselineStore.thresholds(stored)).singleElement()
        .extracting(ThresholdRule::threshold).isEqualTo(0.25);
  }

  @Test
  void shouldMergeSeveralRunsIntoOneBaselineThatCarriesTheirDrift() throws IOException {
    // two runs of unchanged code on a drifting machine: speed-up 1.92 and 1.52
    Path a = SyntheticRun.wordJob(20, 100, 52, 60, 0.01).writeTo(reports.resolve("20260110-000000"));
    Path b = SyntheticRun.wordJob(21, 100, 66, 60, 0.01).writeTo(reports.resolve("20260111-000000"));
    Path stored = BaselineStore.update(List.of(a, b), reports);

    com.fasterxml.jackson.databind.JsonNode merged =
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(stored.resolve("jmh.json").toFile());
    com.fasterxml.jackson.databind.JsonNode map = merged.get(1).path("primaryMetric");
    assertThat(merged).hasSize(3);
    assertThat(map.path("rawData")).hasSize(8); // 4 rounds from each run
    assertThat(map.path("score").asDouble()).isCloseTo(59.0, org.assertj.core.api.Assertions.within(0.01));
    com.fasterxml.jackson.databind.JsonNode rounds =
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(stored.resolve("rounds.json").toFile());
    assertThat(rounds.get("rounds").asInt()).isEqualTo(8);
    assertThat(rounds.get("forks")).hasSize(24);
    assertThat(rounds.get("forks").findValuesAsText("sourceRun")).contains("20260110-000000", "20260111-000000");
    assertThat(stored.resolve("runs/20260110-000000/rounds.json")).exists();
    assertThat(stored.resolve("runs/20260111-000000/metadata.json")).exists();
    assertThat(Files.readString(stored.resolve("metadata.json")))
        .contains("\"baselineRuns\"").contains("20260110-000000").contains("20260111-000000");

    // a third run like the slower of them: below the merged speed-up by more than 5%, but the
    // baseline's runs differ by 26%, so the threshold is the noise and this is drift
    Verdict like = check(SyntheticRun.wordJob(22, 100, 66, 60, 0.01)).verdict();
    FigureComparison c = like.comparisons().stream()
        .filter(x -> x.key().equals(MAP_SPEEDUP)).findFirst().orElseThrow();
    assertThat(c.worsening()).isGreaterThan(0.10);
    assertThat(c.noise()).isGreaterThan(0.25);
    assertThat(c.outcome()).isEqualTo(Outcome.UNCHANGED);
    assertThat(like.exitCode()).isZero();
    // a real slow-down beyond the drift still fails
    Verdict slow = check(SyntheticRun.wordJob(24, 100, 90, 60, 0.01)).verdict();
    assertThat(slow.with(Outcome.REGRESSED)).extracting(FigureComparison::key).contains(MAP_SPEEDUP);
  }

  @Test
  void shouldRefuseToMergeRunsOfDifferentMachineClasses() {
    Path a = SyntheticRun.wordJob(20, 100, 52, 60, 0.01).writeTo(reports.resolve("20260110-000000"));
    Path b = SyntheticRun.wordJob(21, 100, 52, 60, 0.01).machineClass("linux-x86_64-4c")
        .writeTo(reports.resolve("20260111-000000"));
    assertThatThrownBy(() -> BaselineStore.update(List.of(a, b), reports))
        .isInstanceOf(CheckInputException.class)
        .hasMessageContaining("linux-x86_64-4c")
        .hasMessageContaining("one machine class");
  }
}
