package io.poollab.regress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.poollab.report.BenchmarkResult;
import io.poollab.report.RunMetadata;
import io.poollab.report.RunResults;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class FigureExtractorTest {

  private static final String WORDS = "io.poollab.bench.WordJobBenchmark.hashAll";
  private static final String TAIL = "WordJobBenchmark.hashAll:POOL_MAP:workers=2:chunksize=default:hashing=NEW_DIGEST";

  private static BenchmarkResult result(
      String benchmark, String mode, String unit, Map<String, String> params, double score,
      double error, List<Double> samples) {
    return new BenchmarkResult(benchmark, mode, new TreeMap<>(params), score, error, unit, samples);
  }

  private static Map<String, String> params(String impl, int workers, String chunksize) {
    return Map.of("impl", impl, "workers", Integer.toString(workers), "chunksize", chunksize,
        "hashing", "NEW_DIGEST");
  }

  private static Figure find(List<Figure> fs, String key) {
    return fs.stream().filter(f -> f.key().equals(key)).findFirst().orElseThrow(
        () -> new AssertionError(key + " not in " + fs));
  }

  @Test
  void shouldGiveSpeedUpEfficiencyAndOverheadWithPairedSamples() {
    BenchmarkResult serial = result(WORDS, "avgt", "ms/op", params("SERIAL", 1, "default"),
        100, 4, List.of(98.0, 100.0, 102.0));
    BenchmarkResult map = result(WORDS, "avgt", "ms/op", params("POOL_MAP", 2, "default"),
        50, 3, List.of(49.0, 50.0, 51.0));
    List<String> notes = new ArrayList<>();
    List<Figure> fs = FigureExtractor.poolFigures(List.of(serial, map), notes);
    assertThat(notes).isEmpty();
    assertThat(fs).extracting(Figure::key).containsExactly(
        "speedup:" + TAIL, "efficiency:" + TAIL, "overhead:" + TAIL);

    Figure s = find(fs, "speedup:" + TAIL);
    assertThat(s.value()).isCloseTo(2.0, within(1e-12));
    // delta method: 2 * sqrt(0.04^2 + 0.06^2)
    double err = 2 * Math.sqrt(0.04 * 0.04 + 0.06 * 0.06);
    assertThat(s.ciLow()).isCloseTo(2 - err, within(1e-12));
    assertThat(s.ciHigh()).isCloseTo(2 + err, within(1e-12));
    assertThat(s.samples()).containsExactly(98.0 / 49, 100.0 / 50, 102.0 / 51);

    Figure e = find(fs, "efficiency:" + TAIL);
    assertThat(e.value()).isCloseTo(1.0, within(1e-12));
    assertThat(e.ciHigh()).isCloseTo((2 + err) / 2, within(1e-12));

    Figure o = find(fs, "overhead:" + TAIL);
    assertThat(o.value()).isCloseTo(0.0, within(1e-12)); // (50*2 - 100) / 100
    assertThat(o.ciLow()).isCloseTo(2 / (2 + err) - 1, within(1e-12));
    assertThat(o.ciHigh()).isCloseTo(2 / (2 - err) - 1, within(1e-12));
  }

  @Test
  void shouldInvertThroughputScores() {
    BenchmarkResult serial = result(WORDS, "thrpt", "ops/s", params("SERIAL", 1, "default"),
        10, 0.5, List.of(10.0, 10.0));
    BenchmarkResult map = result(WORDS, "thrpt", "ops/s", params("POOL_MAP", 2, "default"),
        18, 0.5, List.of(18.0, 18.0));
    List<Figure> fs = FigureExtractor.poolFigures(List.of(serial, map), new ArrayList<>());
    assertThat(find(fs, "speedup:" + TAIL).value()).isCloseTo(1.8, within(1e-12));
    assertThat(find(fs, "speedup:" + TAIL).samples()).containsExactly(1.8, 1.8);
  }

  @Test
  void shouldLeaveTheIntervalOpenWithOneIteration() {
    BenchmarkResult serial = result(WORDS, "ss", "ms/op", params("SERIAL", 1, "default"),
        100, Double.NaN, List.of(100.0));
    BenchmarkResult map = result(WORDS, "ss", "ms/op", params("POOL_MAP", 2, "default"),
        50, Double.NaN, List.of(50.0));
    List<Figure> fs = FigureExtractor.poolFigures(List.of(serial, map), new ArrayList<>());
    assertThat(fs).allMatch(f -> !f.hasInterval());
  }

  @Test
  void shouldSkipPeersAndNoteResultsWithoutASerialBaseline() {
    BenchmarkResult peer = result(WORDS, "avgt", "ms/op", params("FORKJOIN_STREAM", 2, "default"),
        55, 1, List.of(55.0));
    // the same method has a SERIAL result, but for another workload: a gap, noted
    Map<String, String> otherWorkload = new TreeMap<>(params("POOL_MAP", 2, "default"));
    otherWorkload.put("hashing", "REUSED");
    BenchmarkResult orphan = result(WORDS, "avgt", "ms/op", otherWorkload, 5, 1, List.of(5.0));
    // a method that never has a SERIAL result (a latency benchmark): no speed-up by design, no note
    BenchmarkResult latency = result("io.poollab.bench.FirstResultBenchmark.firstResult", "avgt",
        "ms/op", Map.of("impl", "POOL_MAP", "workers", "2", "chunksize", "default"), 5, 1, List.of(5.0));
    BenchmarkResult serial = result(WORDS, "avgt", "ms/op", params("SERIAL", 1, "default"),
        100, 1, List.of(100.0));
    List<String> notes = new ArrayList<>();
    List<Figure> fs = FigureExtractor.poolFigures(List.of(serial, peer, orphan, latency), notes);
    assertThat(fs).isEmpty();
    assertThat(notes).singleElement().asString().contains("hashing=REUSED").contains("no SERIAL");
  }

  @Test
  void shouldKeepWorkloadsApart() {
    Map<String, String> reused = new TreeMap<>(params("SERIAL", 1, "default"));
    reused.put("hashing", "REUSED");
    Map<String, String> reusedMap = new TreeMap<>(params("POOL_MAP", 2, "default"));
    reusedMap.put("hashing", "REUSED");
    List<BenchmarkResult> rs = List.of(
        result(WORDS, "avgt", "ms/op", params("SERIAL", 1, "default"), 100, 1, List.of()),
        result(WORDS, "avgt", "ms/op", reused, 60, 1, List.of()),
        result(WORDS, "avgt", "ms/op", reusedMap, 40, 1, List.of()));
    List<Figure> fs = FigureExtractor.poolFigures(rs, new ArrayList<>());
    assertThat(find(fs, "speedup:WordJobBenchmark.hashAll:POOL_MAP:workers=2:chunksize=default:hashing=REUSED").value())
        .isCloseTo(1.5, within(1e-12));
  }

  @Test
  void shouldGiveLatencyPercentilesRelativeToTheSerialItemTime() {
    // serial: 100 ms for 100,000 words = 1,000 ns per word
    BenchmarkResult serial = result(WORDS, "avgt", "ms/op", params("SERIAL", 1, "default"),
        100, 1, List.of(100.0));
    Histogram h = new Histogram(3);
    for (int i = 1; i <= 10_000; i++) {
      h.recordValue(i); // 1..10,000 ns: p50 = 5,000 ns, p99 = 9,900 ns
    }
    RunMetadata meta = new RunMetadata("cpu", 2, 0, "Linux", "jvm", List.of(), "c",
        new RunMetadata.Dataset("d", "s", 100_000), "quick", "t", "linux-x86_64-2c");
    RunResults run = new RunResults(Path.of("r"), meta, List.of(serial), Optional.empty(),
        Map.of("applyAsync-idle", h), List.of(), List.of());
    List<String> notes = new ArrayList<>();
    List<Figure> fs = FigureExtractor.extract(run, notes);
    Figure p50 = find(fs, "latency:p50:applyAsync-idle");
    assertThat(p50.kind()).isEqualTo(FigureKind.LATENCY);
    assertThat(p50.value()).isCloseTo(5.0, within(0.01));
    assertThat(p50.ciLow()).isLessThan(p50.value());
    assertThat(p50.ciHigh()).isGreaterThan(p50.value());
    assertThat(find(fs, "latency:p99:applyAsync-idle").value()).isCloseTo(9.9, within(0.01));
    assertThat(notes).isEmpty();
  }

  @Test
  void shouldNoteLatenciesWithoutAReference() {
    Histogram h = new Histogram(3);
    h.recordValue(100);
    RunResults run = new RunResults(Path.of("r"), RunMetadata.unknown(), List.of(), Optional.empty(),
        Map.of("x", h), List.of(), List.of());
    List<String> notes = new ArrayList<>();
    assertThat(FigureExtractor.extract(run, notes)).isEmpty();
    assertThat(notes).singleElement().asString().contains("serial per-item time");
  }

  @Test
  void shouldCutTheSpeedUpIntervalAtZero() {
    BenchmarkResult serial = result(WORDS, "avgt", "ms/op", params("SERIAL", 1, "default"),
        100, 150, List.of(50.0, 150.0));
    BenchmarkResult map = result(WORDS, "avgt", "ms/op", params("POOL_MAP", 2, "default"),
        50, 5, List.of(50.0, 50.0));
    List<Figure> fs = FigureExtractor.poolFigures(List.of(serial, map), new ArrayList<>());
    assertThat(find(fs, "speedup:" + TAIL).ciLow()).isZero();
    assertThat(find(fs, "overhead:" + TAIL).hasInterval()).isFalse();
  }
}
