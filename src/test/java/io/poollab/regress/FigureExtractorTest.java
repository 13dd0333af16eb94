package io.poollab.regress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.poollab.report.QualityFlag;
import io.poollab.report.RunReader;
import io.poollab.report.RunResults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FigureExtractorTest {

  private static final String TAIL = "WordJobBenchmark.hashAll:POOL_MAP:workers=2:chunksize=default:hashing=NEW_DIGEST";

  @TempDir Path dir;

  private static Figure find(List<Figure> fs, String key) {
    return fs.stream().filter(f -> f.key().equals(key)).findFirst().orElseThrow(
        () -> new AssertionError(key + " not in " + fs));
  }

  private static Map<String, String> params(String impl, int workers, String chunksize) {
    return Map.of("impl", impl, "workers", Integer.toString(workers), "chunksize", chunksize, "hashing", "NEW_DIGEST");
  }

  @Test
  void shouldGiveThePairedSpeedUpOfEveryPoolResultRoundByRound() {
    // per round: serial 100, 102, 98, 100 ms; the pool 50, 50, 49, 52: ratios 2, 2.04, 2, 1.923
    RunResults run = RunReader.read(SyntheticRun.seeded(1)
        .raw(SyntheticRun.WORD_JOB, params("SERIAL", 1, "default"), new double[][] {{100}, {102}, {98}, {100}})
        .raw(SyntheticRun.WORD_JOB, params("POOL_MAP", 2, "default"), new double[][] {{50}, {50}, {49}, {52}})
        .raw(SyntheticRun.WORD_JOB, params("HAND_WRITTEN_IDEAL", 2, "default"), new double[][] {{50}, {50}, {50}, {50}})
        .writeTo(dir.resolve("run")));
    List<String> notes = new ArrayList<>();
    List<Figure> fs = FigureExtractor.extract(run, notes);

    assertThat(notes).isEmpty();
    assertThat(fs).extracting(Figure::key).containsExactly("speedup:" + TAIL); // peers give no figure
    Figure s = fs.get(0);
    assertThat(s.perRound()).containsExactly(2.0, 102.0 / 50, 2.0, 100.0 / 52);
    assertThat(s.value()).isCloseTo(2.0, within(1e-12));
    assertThat(s.low()).isCloseTo(100.0 / 52, within(1e-12));
    assertThat(s.high()).isCloseTo(102.0 / 50, within(1e-12));
    assertThat(s.rounds()).isEqualTo(4);
    assertThat(s.configs()).hasSize(2).allSatisfy(k -> assertThat(k).startsWith(SyntheticRun.WORD_JOB));
  }

  @Test
  void shouldTakeAPairedForksOwnSerialTimesAndSaySoInTheNotes() {
    // the SERIAL forks ran on a machine 1.5x slower in two rounds; the paired forks saw 2.0x throughout
    RunResults run = RunReader.read(SyntheticRun.seeded(3)
        .raw(SyntheticRun.WORD_JOB, params("SERIAL", 1, "default"), new double[][] {{150, 150}, {100, 100}, {150, 150}})
        .paired(SyntheticRun.WORD_JOB, params("POOL_MAP", 2, "default"), new double[][] {{50, 75}, {50, 50}, {75, 50}},
            new double[][] {{100, 150}, {100, 100}, {150, 100}})
        .writeTo(dir.resolve("paired")));
    List<String> notes = new ArrayList<>();
    List<Figure> fs = FigureExtractor.extract(run, notes);

    assertThat(fs).singleElement().satisfies(f -> {
      assertThat(f.perRound()).containsExactly(2.0, 2.0, 2.0);
      assertThat(f.low()).isEqualTo(2.0);
      assertThat(f.high()).isEqualTo(2.0);
    });
    assertThat(notes).singleElement().asString().startsWith("1 of 1 speed-up figures come from paired forks");
  }

  @Test
  void shouldLeaveOutDisturbedRoundsWhenTwoCleanOnesRemain() {
    RunResults run = RunReader.read(SyntheticRun.seeded(2).disturbed(3)
        .raw(SyntheticRun.WORD_JOB, params("SERIAL", 1, "default"), new double[][] {{100}, {100}, {200}, {100}})
        .raw(SyntheticRun.WORD_JOB, params("POOL_MAP", 2, "default"), new double[][] {{50}, {50}, {50}, {50}})
        .writeTo(dir.resolve("run")));
    Figure s = find(FigureExtractor.extract(run, new ArrayList<>()), "speedup:" + TAIL);

    assertThat(s.rounds()).isEqualTo(3);
    assertThat(s.value()).isEqualTo(2.0);
    assertThat(s.quality().leftOut()).isEqualTo(1);
    assertThat(s.quality().flags()).doesNotContain(QualityFlag.DISTURBED);
  }

  @Test
  void shouldKeepWorkloadsApartAndNoteResultsWithoutABaseline() {
    RunResults run = RunReader.read(SyntheticRun.seeded(3)
        .raw(SyntheticRun.WORD_JOB, params("SERIAL", 1, "default"), new double[][] {{100}, {100}})
        .raw(SyntheticRun.WORD_JOB, params("POOL_MAP", 2, "default"), new double[][] {{50}, {50}})
        .raw(SyntheticRun.WORD_JOB, Map.of("impl", "POOL_MAP", "workers", "2", "chunksize", "default",
            "hashing", "WORKER_DIGEST"), new double[][] {{40}, {40}})
        .writeTo(dir.resolve("run")));
    List<String> notes = new ArrayList<>();
    List<Figure> fs = FigureExtractor.extract(run, notes);

    assertThat(fs).extracting(Figure::key).containsExactly("speedup:" + TAIL);
    assertThat(notes).anyMatch(n -> n.contains("no SERIAL baseline") && n.contains("hashing=WORKER_DIGEST"));
  }

  /**
   * A run of three rounds: the serial word job (forks 1-3; 100 ms for the 100,000 words used =
   * 1,000 ns per word in every round) and the applyAsync round trip (forks 4-6), no logs yet.
   */
  private Path roundTripRun() throws IOException {
    Path runDir = SyntheticRun.seeded(4)
        .raw(SyntheticRun.WORD_JOB, params("SERIAL", 1, "default"), new double[][] {{100}, {100}, {100}})
        .raw("io.poollab.bench.RoundTripLatencyBenchmark.applyAsyncRoundTrip",
            Map.of("impl", "POOL_APPLY_ASYNC", "workers", "1", "chunksize", "default"), new double[][] {{5}, {5}, {5}})
        .writeTo(dir.resolve("run"));
    Files.createDirectories(runDir.resolve("histograms"));
    return runDir;
  }

  private static void writeRoundTripLog(Path runDir, int fork, Histogram h) throws IOException {
    Path log = runDir.resolve("histograms/RoundTripLatencyBenchmark.applyAsyncRoundTrip-fork" + fork + ".hlog");
    HistogramLogWriter w = new HistogramLogWriter(log.toFile());
    w.outputIntervalHistogram(h);
    w.close();
  }

  @Test
  void shouldGiveLatencyPercentilesRelativeToTheSerialItemTimeOfTheSameRound() throws IOException {
    Path runDir = roundTripRun();
    // forks 4-6 are the round trips: 1..10,000 ns, then 2x and 3x that
    for (int fork = 4; fork <= 6; fork++) {
      Histogram h = new Histogram(3);
      for (int i = 1; i <= 10_000; i++) {
        h.recordValue((long) i * (fork - 3));
      }
      writeRoundTripLog(runDir, fork, h);
    }
    RunResults run = RunReader.read(runDir);
    List<String> notes = new ArrayList<>();
    List<Figure> fs = FigureExtractor.extract(run, notes);

    String tail = "RoundTripLatencyBenchmark.applyAsyncRoundTrip:POOL_APPLY_ASYNC:workers=1:chunksize=default";
    Figure p50 = find(fs, "latency:p50:" + tail);
    assertThat(p50.kind()).isEqualTo(FigureKind.LATENCY);
    assertThat(p50.perRound()).hasSize(3);
    assertThat(p50.perRound()[0]).isCloseTo(5.0, within(0.01));
    assertThat(p50.value()).isCloseTo(10.0, within(0.02)); // the median round: 2 x 5,000 ns / 1,000 ns
    assertThat(p50.low()).isCloseTo(5.0, within(0.01));
    assertThat(p50.high()).isCloseTo(15.0, within(0.03));
    assertThat(find(fs, "latency:p99:" + tail).value()).isCloseTo(19.8, within(0.05));
    assertThat(p50.configs()).hasSize(2);
    assertThat(notes).isEmpty();
  }

  @Test
  void shouldCheckOnlyPercentilesWithTenOperationsBeyondThemInEveryRound() throws IOException {
    Path runDir = roundTripRun();
    // forks 4-6 record 150, 999 and 5,000 operations: enough for p50 in every round, not for p99
    int[] counts = {150, 999, 5_000};
    for (int fork = 4; fork <= 6; fork++) {
      Histogram h = new Histogram(3);
      for (int i = 1; i <= counts[fork - 4]; i++) {
        h.recordValue(i);
      }
      writeRoundTripLog(runDir, fork, h);
    }
    List<String> notes = new ArrayList<>();
    List<Figure> fs = FigureExtractor.extract(RunReader.read(runDir), notes);

    String tail = "RoundTripLatencyBenchmark.applyAsyncRoundTrip:POOL_APPLY_ASYNC:workers=1:chunksize=default";
    assertThat(fs).extracting(Figure::key).contains("latency:p50:" + tail)
        .doesNotContain("latency:p99:" + tail);
    assertThat(notes).singleElement().asString()
        .contains("latency:p99:" + tail).contains("only 150 operations").contains("at least 1000");
  }

  @Test
  void shouldGateTheTypicalOperationAndTheTailButNotAPercentileBetweenModes() throws IOException {
    Path runDir = roundTripRun();
    // every round: 85% of the round trips without a wake-up (5 us), 15% with one (55 us): the
    // p90 is whichever mode the tenth-slowest operations fell in, so it is no figure
    for (int fork = 4; fork <= 6; fork++) {
      Histogram h = new Histogram(3);
      h.recordValueWithCount(5_000, 8_500);
      h.recordValueWithCount(55_000, 1_500);
      writeRoundTripLog(runDir, fork, h);
    }
    List<Figure> fs = FigureExtractor.extract(RunReader.read(runDir), new ArrayList<>());

    String tail = "RoundTripLatencyBenchmark.applyAsyncRoundTrip:POOL_APPLY_ASYNC:workers=1:chunksize=default";
    assertThat(fs).filteredOn(f -> f.kind() == FigureKind.LATENCY).extracting(Figure::key)
        .containsExactlyInAnyOrder("latency:p50:" + tail, "latency:p99:" + tail);
  }

  @Test
  void shouldNeedTenSamplesOnTheFarSideOfAPercentile() {
    assertThat(FigureExtractor.samplesNeeded(50)).isEqualTo(20);
    assertThat(FigureExtractor.samplesNeeded(90)).isEqualTo(100);
    assertThat(FigureExtractor.samplesNeeded(99)).isEqualTo(1000);
  }

  @Test
  void shouldNoteLatencyLogsThatAreNotPerFork() throws IOException {
    Path runDir = SyntheticRun.wordJob(5, 100, 52, 60, 0.01).writeTo(dir.resolve("run"));
    Files.createDirectories(runDir.resolve("histograms"));
    Histogram h = new Histogram(3);
    h.recordValue(100);
    HistogramLogWriter w = new HistogramLogWriter(runDir.resolve("histograms/x.hlog").toFile());
    w.outputIntervalHistogram(h);
    w.close();
    List<String> notes = new ArrayList<>();
    List<Figure> fs = FigureExtractor.extract(RunReader.read(runDir), notes);

    assertThat(fs).noneMatch(f -> f.kind() == FigureKind.LATENCY);
    assertThat(notes).anyMatch(n -> n.contains("not per fork"));
  }
}
