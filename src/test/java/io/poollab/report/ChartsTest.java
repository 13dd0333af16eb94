package io.poollab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChartsTest {

  @Test
  void shouldDrawEveryChartOfFullRun() {
    ChartSet set = Charts.forRun(RunReader.read(Golden.run("full")));
    assertThat(set.charts()).extracting(ChartData::id).containsExactly(
        "speedup-workers-hashbench-hashwords",
        "methods-hashbench-hashwords",
        "speedup-chunksize-hashbench-hashwords",
        "efficiency-hashbench-hashwords",
        "speedup-workers-cpubench-cputasks-costns-10000",
        "efficiency-cpubench-cputasks-costns-10000",
        "speedup-workers-iobench-sleeptasks-iomillis-10",
        "efficiency-iobench-sleeptasks-iomillis-10",
        "cpu-vs-io",
        "latency");
    Golden.check("charts-full.txt", set.toText());
  }

  @Test
  void shouldDrawIdealLineAndPythonAsOwnLines() {
    ChartData workers = Charts.forRun(RunReader.read(Golden.run("full"))).charts().get(0);
    ChartData.Series ideal = workers.series().get(workers.series().size() - 1);
    assertThat(ideal.dashed()).isTrue();
    assertThat(ideal.points()).allSatisfy(p -> assertThat(p.y()).isEqualTo(p.x()));
    assertThat(workers.series()).extracting(ChartData.Series::name)
        .containsExactly("POOL_MAP c=default", "POOL_MAP c=100", "POOL_MAP c=1000",
            "FORKJOIN_STREAM c=default", "Python PY_POOL_MAP c=default",
            "Python PY_POOL_IMAP_UNORDERED c=1", "Python PY_THREADPOOL_MAP c=default",
            "ideal (y = workers)");
  }

  @Test
  void shouldComparePoolMethodsAtTheirBestChunksize() {
    RunResults run = RunReader.read(Golden.run("full"));
    ChartData methods = Charts.forRun(run).charts().get(1);
    assertThat(methods.id()).isEqualTo("methods-hashbench-hashwords");
    ChartData.Series imap = methods.series().get(1);
    assertThat(imap.name()).isEqualTo("POOL_IMAP_UNORDERED (best chunksize)");
    // chunksize 100 beats chunksize 1 at both worker counts
    java.util.function.BiFunction<Integer, String, Double> speedUp = (w, c) -> run.speedUps().stream()
        .filter(s -> s.impl().equals("POOL_IMAP_UNORDERED") && s.workers() == w && s.chunksize().equals(c))
        .findFirst().orElseThrow().value();
    assertThat(speedUp.apply(1, "100")).isGreaterThan(speedUp.apply(1, "1"));
    assertThat(imap.points()).hasSize(2);
    assertThat(imap.points().get(0).y()).isCloseTo(speedUp.apply(1, "100"), within(1e-12));
    assertThat(imap.points().get(1).y()).isCloseTo(speedUp.apply(2, "100"), within(1e-12));
  }

  @Test
  void shouldPlaceLatencyPercentilesOnInverseTailAxis() {
    ChartData latency = Charts.forRun(RunReader.read(Golden.run("full"))).charts().stream()
        .filter(c -> c.id().equals("latency")).findFirst().orElseThrow();
    assertThat(latency.kind()).isEqualTo(ChartKind.PERCENTILE);
    // 60,000 values resolve up to the 99.99th percentile (x = 10,000), not the 99.999th
    assertThat(latency.series().get(0).points()).extracting(ChartData.Point::x)
        .containsExactly(1.0, 2.0, 4.0, 10.0, 20.0, 100.0, 200.0, 1000.0, 2000.0, 10000.0);
  }

  @Test
  void shouldSkipChartsWithoutDataWithNotes() {
    ChartSet set = Charts.forRun(RunReader.read(Golden.run("single")));
    assertThat(set.charts()).isEmpty();
    assertThat(set.skipped()).containsExactly(
        "Speed-up, chunksize and efficiency charts: the run has no parallel JMH results.",
        "CPU-bound vs IO-bound: no finite speed-ups to compare.",
        "Latency percentiles: the run has no readable histograms/*.hlog.");
  }

  @Test
  void shouldDrawOneWorkerCountWithoutChunksizeLine() {
    ChartSet set = Charts.forRun(RunReader.read(Golden.run("oneworker")));
    assertThat(set.charts()).extracting(ChartData::id).containsExactly(
        "speedup-workers-hashbench-hashwords", "efficiency-hashbench-hashwords", "cpu-vs-io");
    Golden.check("charts-oneworker.txt", set.toText());
  }

  @Test
  void shouldLeaveNaNScoresOutOfCharts() {
    ChartSet set = Charts.forRun(RunReader.read(Golden.run("nan")));
    ChartData workers = set.charts().get(0);
    assertThat(workers.series().get(0).points()).singleElement()
        .satisfies(p -> assertThat(p.x()).isEqualTo(2.0));
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
}
