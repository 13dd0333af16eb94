package io.poollab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.poollab.regress.SyntheticRun;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartsTest {

  @Test
  void shouldDrawEveryChartOfFullRun() {
    ChartSet set = Charts.forRun(RunReader.read(Golden.run("full")));
    assertThat(set.charts()).extracting(ChartData::id).containsExactly(
        "speedup-workers-hashbench-hashwords",
        "efficiency-hashbench-hashwords",
        "best-hashbench-hashwords",
        "speedup-chunksize-hashbench-hashwords",
        "speedup-workers-cpubench-cputasks-costns-10000",
        "efficiency-cpubench-cputasks-costns-10000",
        "best-cpubench-cputasks-costns-10000",
        "speedup-workers-iobench-sleeptasks-iomillis-10",
        "efficiency-iobench-sleeptasks-iomillis-10",
        "best-iobench-sleeptasks-iomillis-10",
        "backends",
        "backends-io",
        "latency-applyasync",
        "rounds-hashbench-hashwords",
        "rounds-hashbench-hashwords-2",
        "rounds-hashbench-hashwords-3",
        "rounds-cpubench-cputasks-costns-10000",
        "rounds-iobench-sleeptasks-iomillis-10",
        "rounds-iobench-sleeptasks-iomillis-10-2",
        "iterations-hashbench-hashwords",
        "iterations-hashbench-hashwords-2",
        "iterations-hashbench-hashwords-3",
        "iterations-cpubench-cputasks-costns-10000",
        "iterations-iobench-sleeptasks-iomillis-10",
        "iterations-iobench-sleeptasks-iomillis-10-2");
    Golden.check("charts-full.txt", set.toText());
  }

  @Test
  void shouldDrawOneLinePerMethodAtDefaultChunksizeWithPythonOfSameTask() {
    ChartData workers = Charts.forRun(RunReader.read(Golden.run("full"))).charts().get(0);
    ChartData.Series ideal = workers.series().get(workers.series().size() - 1);
    assertThat(ideal.dashed()).isTrue();
    assertThat(ideal.points()).allSatisfy(p -> assertThat(p.y()).isEqualTo(p.x()));
    // Python's ThreadPool and imap_unordered ran at one worker count only: bars, not lines
    assertThat(workers.series()).extracting(ChartData.Series::name)
        .containsExactly("map, chunksize default", "imap_unordered, best chunksize",
            "ForkJoin parallel stream, chunksize default", "Python Pool.map, chunksize default",
            "ideal (y = workers)");
    assertThat(workers.series().get(0).points()).extracting(ChartData.Point::x).containsExactly(1.0, 2.0);
  }

  @Test
  void shouldShowEachMethodAtItsBestConfigurationAsLabelledBars() {
    RunResults run = RunReader.read(Golden.run("full"));
    ChartData best = chart(Charts.forRun(run), "best-hashbench-hashwords");
    assertThat(best.kind()).isEqualTo(ChartKind.BAR);
    assertThat(best.categories()).containsExactly(
        "map, 2 workers, chunksize default", "imap_unordered, 2 workers, chunksize 100",
        "ForkJoin parallel stream, 2 workers, chunksize default", "Python Pool.map, 2 workers, chunksize default",
        "Python Pool.imap_unordered, 2 workers, chunksize 1", "Python ThreadPool.map, 2 workers, chunksize default");
    // chunksize 100 beats chunksize 1 for imap_unordered at 2 workers
    double imap100 = run.speedUps().stream().filter(s -> s.impl().equals("POOL_IMAP_UNORDERED")
        && s.workers() == 2 && s.chunksize().equals("100")).findFirst().orElseThrow().value();
    assertThat(best.series().get(0).points().get(1).y()).isCloseTo(imap100, within(1e-12));
  }

  @Test
  void shouldDrawNoErrorBarForPythonMeasuredOnce(@TempDir Path dir) {
    SyntheticRun run = SyntheticRun.seeded(1);
    ChartFixtures.word(run, "SERIAL", 1, "default", 100);
    ChartFixtures.word(run, "POOL_MAP", 1, "default", 102);
    ChartFixtures.word(run, "POOL_MAP", 2, "default", 52);
    Path d = run.writeTo(dir.resolve("20260101-120000"));
    ChartFixtures.python(d, "PY_SERIAL words 1 default 1.2", "PY_POOL_MAP words 1 default 1.5",
        "PY_POOL_MAP words 2 default 0.9", "PY_POOL_MAP words 4 default 0.7 0.8 0.95");
    ChartData workers = chart(Charts.forRun(RunReader.read(d)), "speedup-workers-wordjobbenchmark-hashall-hashing-new-digest");
    ChartData.Series python = workers.series().get(1);
    assertThat(python.name()).isEqualTo("Python Pool.map, chunksize default");
    assertThat(python.points()).extracting(ChartData.Point::x).containsExactly(1.0, 2.0, 4.0);
    // measured once at 1 and 2 workers: no interval; three serial samples vs one: none either
    assertThat(python.points()).allSatisfy(p -> assertThat(p.low()).isEqualTo(p.y()))
        .allSatisfy(p -> assertThat(p.high()).isEqualTo(p.y()));
    assertThat(python.points().get(1).y()).isCloseTo(1.2 / 0.9, within(1e-12));
  }

  @Test
  void shouldPlaceLatencyPercentilesOnInverseTailAxisOnlyAsFarAsSamplesSupport() {
    ChartData latency = chart(Charts.forRun(RunReader.read(Golden.run("full"))), "latency-applyasync");
    assertThat(latency.kind()).isEqualTo(ChartKind.PERCENTILE);
    assertThat(latency.series()).extracting(ChartData.Series::name).containsExactly(
        "ExecutorService.submit (60,000 samples)", "apply_async (60,000 samples)");
    // 60,000 values: 10 beyond p99.95 (20,000 needed) but not beyond p99.99 (100,000 needed)
    assertThat(latency.series().get(0).points()).extracting(ChartData.Point::x)
        .containsExactly(1.0, 2.0, 4.0, 10.0, 20.0, 100.0, 200.0, 1000.0, 2000.0);
  }

  @Test
  void shouldSkipChartsWithoutDataWithNotes() {
    ChartSet set = Charts.forRun(RunReader.read(Golden.run("single")));
    assertThat(set.charts()).isEmpty();
    assertThat(set.skipped()).containsExactly(
        "Speed-up, chunksize and efficiency charts: the run has no parallel JMH results.",
        "Threads or processes: no configuration was measured on two backends (platform threads, virtual"
            + " threads, member processes).",
        "Latency percentiles: the run has no readable histograms/*.hlog.");
  }

  @Test
  void shouldDrawOneWorkerCountAsChunksizeLineOnly() {
    ChartSet set = Charts.forRun(RunReader.read(Golden.run("oneworker")));
    // one worker count, one method, one backend: no line over workers, no single bar, no
    // pair of backends; two chunksizes (100 and default) make one chunksize line
    assertThat(set.charts()).extracting(ChartData::id).containsExactly(
        "speedup-chunksize-hashbench-hashwords", "rounds-hashbench-hashwords", "iterations-hashbench-hashwords");
    assertThat(set.charts().get(0).categories()).containsExactly("100", "default");
    Golden.check("charts-oneworker.txt", set.toText());
  }

  @Test
  void shouldLeaveNaNScoresOutOfCharts() {
    ChartSet set = Charts.forRun(RunReader.read(Golden.run("nan")));
    ChartData rounds = chart(set, "rounds-hashbench-hashwords");
    assertThat(rounds.categories()).doesNotContain("map, 1 worker, chunksize default");
    assertThat(set.charts()).allSatisfy(c -> assertThat(c.series()).allSatisfy(
        s -> assertThat(s.points()).allSatisfy(p -> assertThat(p.y()).isFinite())));
    Golden.check("charts-nan.txt", set.toText());
  }

  @Test
  void shouldTrendBestSpeedUpsAcrossRunsOldestFirst() {
    List<RunResults> runs = List.of(
        RunReader.read(Golden.run("oneworker")), RunReader.read(Golden.run("full")));
    ChartSet set = Charts.forIndex(runs);
    ChartData hash = set.charts().get(0);
    assertThat(hash.kind()).isEqualTo(ChartKind.TREND);
    assertThat(hash.series().get(0).points()).extracting(ChartData.Point::category)
        .containsExactly("20260101-120000", "20260102-090000");
    Golden.check("charts-index.txt", set.toText());
  }

  @Test
  void shouldRefuseChartWithoutPoints() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ChartData("x", "t", ChartKind.LINE,
            "x", "y", List.of(new ChartData.Series("s", false, List.of()))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("chart 'x' has no points; skip it instead");
  }

  static ChartData chart(ChartSet set, String id) {
    return set.charts().stream().filter(c -> c.id().equals(id)).findFirst()
        .orElseThrow(() -> new AssertionError("no chart " + id + " in " + set.charts().stream().map(ChartData::id).toList()));
  }
}
