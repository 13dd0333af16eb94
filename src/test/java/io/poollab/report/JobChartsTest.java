package io.poollab.report;

import static io.poollab.report.ChartsTest.chart;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.poollab.regress.SyntheticRun;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobChartsTest {

  @TempDir Path dir;

  private static final String SLEEP_5MS = "cpuiobenchmark-runall-costmicros-5000-task-sleep";

  /** Serial sleeps of 100 x 5 ms, the pool at 4 and 20 virtual workers, one virtual thread per task. */
  private RunResults sleepRun(int costMicros) {
    SyntheticRun run = SyntheticRun.seeded(7);
    ChartFixtures.cpuIo(run, "SLEEP", costMicros, "SERIAL", 1, "PLATFORM", 500);
    ChartFixtures.cpuIo(run, "SLEEP", costMicros, "POOL_MAP", 4, "VIRTUAL", 126);
    ChartFixtures.cpuIo(run, "SLEEP", costMicros, "POOL_MAP", 20, "VIRTUAL", 26);
    ChartFixtures.cpuIo(run, "SLEEP", costMicros, "VIRTUAL_PER_TASK", 20, "VIRTUAL", 5.5);
    Path d = run.writeTo(dir.resolve("20260101-120000"));
    ChartFixtures.python(d, "PY_SERIAL sleep 1 default 0.51", "PY_THREADPOOL_MAP sleep 4 default 0.13",
        "PY_THREADPOOL_MAP sleep 20 default 0.03");
    return RunReader.read(d);
  }

  @Test
  void shouldDrawPerTaskAsReferenceLineWithoutWorkerPositionNorEfficiency() {
    ChartSet set = Charts.forRun(sleepRun(5000));
    ChartData workers = chart(set, "speedup-workers-" + SLEEP_5MS);
    assertThat(workers.series()).extracting(ChartData.Series::name).containsExactly(
        "map, chunksize default", "Python ThreadPool.map, chunksize default",
        "virtual thread per task (no worker count): 90.91x", "ideal (y = workers)");
    ChartData.Series perTask = workers.series().get(2);
    assertThat(perTask.style()).isEqualTo(ChartData.Style.REFERENCE);
    // a horizontal line across the whole chart: from 1 worker to the most, at one y
    assertThat(perTask.points()).extracting(ChartData.Point::x).containsExactly(1.0, 20.0);
    assertThat(perTask.points().get(0).y()).isEqualTo(perTask.points().get(1).y()).isCloseTo(500 / 5.5, within(0.01));
    // no line has a point for it
    assertThat(workers.series().get(0).points()).extracting(ChartData.Point::x).containsExactly(4.0, 20.0);
    ChartData efficiency = chart(set, "efficiency-" + SLEEP_5MS);
    assertThat(efficiency.series()).extracting(ChartData.Series::name)
        .noneMatch(n -> n.contains("per task"));
    assertThat(efficiency.series()).flatExtracting(ChartData.Series::points)
        .allSatisfy(p -> assertThat(p.y()).isLessThanOrEqualTo(1.01));
    // its bar has no worker count in its label
    assertThat(chart(set, "best-" + SLEEP_5MS).categories()).contains("virtual thread per task");
    Golden.check("charts-sleep.txt", set.toText());
  }

  @Test
  void shouldGivePerTaskNoEfficiencyAndNotCallItFasterThanItsWorkers() {
    RunResults run = sleepRun(5000);
    SpeedUp perTask = run.speedUps().stream().filter(s -> s.impl().equals("VIRTUAL_PER_TASK")).findFirst().orElseThrow();

    assertThat(perTask.value()).isGreaterThan(20); // 100 sleeps at once, with "workers=20" as the param
    assertThat(perTask.hasWorkerCount()).isFalse();
    assertThat(perTask.efficiency()).isNaN();
    assertThat(perTask.quality().flags()).doesNotContain(QualityFlag.SUSPECT);
    List<String> row = Tables.speedUps(run).rows().stream()
        .filter(r -> r.get(1).equals("VIRTUAL_PER_TASK")).findFirst().orElseThrow();
    assertThat(row.get(7)).isEqualTo("-");
  }

  @Test
  void shouldDrawPythonOnlyBesideTheSameTaskAndCost() {
    ChartSet set = Charts.forRun(sleepRun(1000));
    assertThat(set.charts()).flatExtracting(ChartData::series).extracting(ChartData.Series::name)
        .noneMatch(n -> n.startsWith("Python"));
    assertThat(set.charts()).flatExtracting(ChartData::categories).noneMatch(c -> c.startsWith("Python"));
    assertThat(set.skipped()).contains("Python's 'sleep' results: no JMH job of this run has the same task"
        + " and cost (Python's sleep workload is 100 sleeps of 5 ms), so they are in the Python table only.");
  }

  @Test
  void shouldCompareBackendsOnlyOnTheSameConfiguration() {
    SyntheticRun run = SyntheticRun.seeded(3);
    ChartFixtures.word(run, "SERIAL", 1, "default", 100);
    ChartFixtures.word(run, "POOL_MAP", 2, "default", 52);
    ChartFixtures.cpuIo(run, "CPU", 100, "SERIAL", 1, "PLATFORM", 200);
    ChartFixtures.cpuIo(run, "CPU", 100, "POOL_MAP", 2, "PLATFORM", 101);
    ChartFixtures.cpuIo(run, "CPU", 100, "POOL_MAP", 2, "VIRTUAL", 108);
    ChartFixtures.cpuIo(run, "SLEEP", 5000, "SERIAL", 1, "PLATFORM", 500);
    ChartFixtures.cpuIo(run, "SLEEP", 5000, "POOL_MAP", 20, "VIRTUAL", 26);
    ChartSet set = Charts.forRun(RunReader.read(run.writeTo(dir.resolve("20260101-120000"))));
    ChartData backends = chart(set, BackendChart.ID);
    // the word job and the sleeps ran on one backend only: not in this chart
    assertThat(backends.categories()).containsExactly("CPU tasks of 100 µs: map, 2 workers, chunksize default");
    assertThat(backends.series()).extracting(ChartData.Series::name)
        .containsExactly("platform threads", "virtual threads");
    assertThat(backends.series().get(0).points()).singleElement()
        .satisfies(p -> assertThat(p.y()).isCloseTo(200 / 101.0, within(0.001)));
    assertThat(backends.series().get(1).points()).singleElement()
        .satisfies(p -> assertThat(p.y()).isCloseTo(200 / 108.0, within(0.001)));
  }

  @Test
  void shouldDrawNoSingleBarChartForWordOnlyRun() {
    SyntheticRun run = SyntheticRun.wordJob(5, 100, 52, 60, 0.01);
    ChartSet set = Charts.forRun(RunReader.read(run.writeTo(dir.resolve("20260101-120000"))));
    assertThat(set.charts()).extracting(ChartData::id).doesNotContain(BackendChart.ID, "cpu-vs-io");
    assertThat(set.skipped()).contains("Threads or processes: no configuration was measured on two backends"
        + " (platform threads, virtual threads, member processes).");
    assertThat(set.charts()).filteredOn(c -> c.kind() == ChartKind.BAR)
        .allSatisfy(c -> assertThat(c.series()).flatExtracting(ChartData.Series::points).hasSizeGreaterThan(1));
  }

  @Test
  void shouldSplitManyMethodsIntoChartsOfAtMostFiveSeries() {
    SyntheticRun run = SyntheticRun.seeded(11);
    ChartFixtures.word(run, "SERIAL", 1, "default", 100);
    List<String> impls = List.of("POOL_MAP", "POOL_IMAP", "POOL_IMAP_UNORDERED", "POOL_APPLY_ASYNC",
        "FORKJOIN_STREAM", "EXECUTOR_INVOKE_ALL", "HAND_WRITTEN_IDEAL", "PARALLEL_COLLECTORS");
    for (String impl : impls) {
      ChartFixtures.word(run, impl, 1, "default", 104);
      ChartFixtures.word(run, impl, 2, "default", 54 + impls.indexOf(impl));
    }
    ChartSet set = Charts.forRun(RunReader.read(run.writeTo(dir.resolve("20260101-120000"))));
    String slug = "wordjobbenchmark-hashall-hashing-new-digest";
    ChartData first = chart(set, "speedup-workers-" + slug);
    ChartData second = chart(set, "speedup-workers-" + slug + "-2");
    assertThat(first.title()).startsWith("Speed-up vs workers (1 of 2)");
    assertThat(first.series()).extracting(ChartData.Series::name).containsExactly(
        "map, chunksize default", "imap, chunksize default", "imap_unordered, chunksize default",
        "apply_async, chunksize default", "ForkJoin parallel stream, chunksize default", "ideal (y = workers)");
    assertThat(second.series()).extracting(ChartData.Series::name).containsExactly(
        "ExecutorService.invokeAll, chunksize default", "hand-written ideal, chunksize default",
        "parallel-collectors, chunksize default", "ideal (y = workers)");
    assertThat(chart(set, "efficiency-" + slug + "-2").series()).hasSize(4);
    assertThat(chart(set, "rounds-" + slug).categories()).hasSize(RoundCharts.MAX_ROWS);
    assertThat(set.charts()).filteredOn(c -> c.kind() != ChartKind.BAR && c.kind() != ChartKind.STRIP)
        .allSatisfy(c -> assertThat(c.series()).filteredOn(s -> s.style() == ChartData.Style.LINE)
            .hasSizeLessThanOrEqualTo(JobCharts.MAX_SERIES));
  }

  @Test
  void shouldTickChunksizesAtMeasuredValuesWithDefaultLast() {
    SyntheticRun run = SyntheticRun.seeded(13);
    ChartFixtures.word(run, "SERIAL", 1, "default", 100);
    for (String c : List.of("default", "1000", "1", "100")) {
      ChartFixtures.word(run, "POOL_MAP", 2, c, c.equals("1") ? 80 : 52);
    }
    ChartFixtures.word(run, "POOL_IMAP_UNORDERED", 2, "1", 90);
    ChartSet set = Charts.forRun(RunReader.read(run.writeTo(dir.resolve("20260101-120000"))));
    ChartData chunks = chart(set, "speedup-chunksize-wordjobbenchmark-hashall-hashing-new-digest");
    assertThat(chunks.kind()).isEqualTo(ChartKind.CATEGORY_LINE);
    assertThat(chunks.categories()).containsExactly("1", "100", "1000", "default");
    // imap_unordered at one chunksize is no line
    assertThat(chunks.series()).singleElement().satisfies(s -> {
      assertThat(s.name()).isEqualTo("map, 2 workers");
      assertThat(s.points()).extracting(ChartData.Point::category).containsExactly("1", "100", "1000", "default");
      assertThat(s.points()).extracting(ChartData.Point::x).containsExactly(0.0, 1.0, 2.0, 3.0);
      assertThat(s.points().get(0).y()).isCloseTo(100 / 80.0, within(0.001));
    });
    Golden.check("charts-chunksize.txt", set.toText());
  }
}
