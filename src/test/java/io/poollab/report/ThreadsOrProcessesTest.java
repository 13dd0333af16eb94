package io.poollab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.poollab.regress.SyntheticRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pool on member processes ({@code backend=CLUSTER}) beside threads and Python's processes:
 * how the report groups a synthetic run's figures (fixed iterations, so every speed-up is exact).
 */
class ThreadsOrProcessesTest {

  private static final String ROUND_TRIP = "io.poollab.bench.RoundTripLatencyBenchmark.applyAsyncRoundTrip";
  private static final String WORD_JOB = "WordJobBenchmark.hashAll hashing=NEW_DIGEST";

  @TempDir Path tmp;

  /**
   * The word job: serial 100 ms, map on platform threads 104 ms (1 worker) and 52 ms (2), on one
   * member process per worker 250 and 150 ms; 100 sleeps of 5 ms: serial 500 ms, map with 100
   * workers on platform threads 7.5 ms, on virtual threads 5.6 ms, on 2 member processes 9 ms;
   * CPU tasks on platform threads only. Python's Pool and ThreadPool of the same tasks, on the
   * run's own list; the apply_async round trip on threads (12 µs) and through a member process
   * (1.5 ms).
   */
  private RunResults run() throws IOException {
    SyntheticRun run = SyntheticRun.seeded(5);
    ChartFixtures.word(run, "SERIAL", 1, "default", 100);
    ChartFixtures.word(run, "POOL_MAP", 1, "default", 104);
    ChartFixtures.word(run, "POOL_MAP", 2, "default", 52);
    ChartFixtures.wordOnMembers(run, 1, 250);
    ChartFixtures.wordOnMembers(run, 2, 150);
    ChartFixtures.cpuIo(run, "SLEEP", 5000, "SERIAL", 1, "PLATFORM", 500);
    ChartFixtures.cpuIo(run, "SLEEP", 5000, "POOL_MAP", 100, "PLATFORM", 7.5);
    ChartFixtures.cpuIo(run, "SLEEP", 5000, "POOL_MAP", 100, "VIRTUAL", 5.6);
    ChartFixtures.cpuIoOnMembers(run, "SLEEP", 5000, 100, 2, 9);
    ChartFixtures.cpuIo(run, "CPU", 100, "SERIAL", 1, "PLATFORM", 200);
    ChartFixtures.cpuIo(run, "CPU", 100, "POOL_MAP", 2, "PLATFORM", 101);
    Path dir = run.writeTo(tmp.resolve("20260301-120000"));
    ChartFixtures.pythonOn(dir, "datasets/standin.txt",
        "PY_SERIAL words 1 default 3.0 3.0 3.0",
        "PY_POOL_MAP words 1 default 3.3 3.3 3.3",
        "PY_POOL_MAP words 2 default 1.5 1.5 1.5",
        "PY_SERIAL sleep 1 default 0.55 0.55 0.55",
        "PY_THREADPOOL_MAP sleep 100 default 0.0065 0.0065 0.0065");
    roundTrips(dir, "POOL_APPLY_ASYNC", 5000, 12_000);
    roundTrips(dir, "CLUSTER_APPLY_ASYNC", 3000, 1_500_000);
    return RunReader.read(dir);
  }

  /** A round-trip latency log of {@code count} round trips of {@code nanos}, as LatencyLog names it. */
  private static void roundTrips(Path run, String impl, int count, long nanos) throws IOException {
    BenchmarkResult named = new BenchmarkResult(ROUND_TRIP, "sample",
        new TreeMap<>(Map.of("impl", impl, "workers", "1", "chunksize", "default")), 1, 0, "us/op", List.of(1.0));
    Path dir = Files.createDirectories(run.resolve(RunReader.HISTOGRAMS));
    Histogram h = new Histogram(3);
    h.recordValueWithCount(nanos, count);
    HistogramLogWriter writer = new HistogramLogWriter(dir.resolve(named.latencyLogName() + "-fork1.hlog").toFile());
    writer.outputLogFormatVersion();
    writer.outputStartTime(0);
    writer.outputLegend();
    writer.outputIntervalHistogram(h);
    writer.close();
  }

  @Test
  void shouldPairFiguresOnMemberProcessesWithTheJobsSerialLoop() throws IOException {
    RunResults run = run();

    SpeedUp twoProcesses = run.speedUps().stream()
        .filter(s -> s.job().equals(WORD_JOB) && s.backend().equals("CLUSTER") && s.workers() == 2)
        .findFirst().orElseThrow();
    assertThat(twoProcesses.value()).isCloseTo(100 / 150.0, within(1e-9));
    assertThat(twoProcesses.members()).isEqualTo(2);
    assertThat(twoProcesses.efficiency()).isCloseTo(100 / 150.0 / 2, within(1e-9));
    assertThat(run.problems()).noneMatch(p -> p.contains("SERIAL"));
  }

  @Test
  void shouldCompareTheSameConfigurationAcrossBackendsWithPythonBesideIt() throws IOException {
    List<BackendComparison> comparisons = BackendComparison.of(run());

    assertThat(comparisons).extracting(BackendComparison::category).containsExactly(
        WORD_JOB + ": map, 1 worker, chunksize default (1 member process)",
        WORD_JOB + ": map, 2 workers, chunksize default (2 member processes)",
        "sleep tasks of 5 ms: map, 100 workers, chunksize default (2 member processes)");
    assertThat(comparisons.get(2).label()).isEqualTo("sleep tasks of 5 ms: map, 100 workers, chunksize default");
    assertThat(comparisons.get(2).backendName("CLUSTER")).isEqualTo("2 member processes (cluster)");
    assertThat(comparisons.get(2).backendName("VIRTUAL")).isEqualTo("virtual threads");
    assertThat(comparisons.get(1).byBackend()).containsOnlyKeys("PLATFORM", "CLUSTER", "PROCESS");
    assertThat(comparisons.get(1).byBackend().keySet()).containsExactly("PLATFORM", "CLUSTER", "PROCESS");
    assertThat(comparisons.get(1).byBackend().get("PROCESS").value()).isCloseTo(2.0, within(1e-9));
    assertThat(comparisons.get(2).byBackend().keySet()).containsExactly("PLATFORM", "VIRTUAL", "CLUSTER", "THREAD");
    // the CPU tasks ran on platform threads only: no comparison
    assertThat(comparisons).noneMatch(c -> c.label().startsWith("CPU"));
  }

  @Test
  void shouldDrawTheBackendsAsOneSeriesEachCpuAndIoBoundApart() throws IOException {
    ChartSet set = Charts.forRun(run());
    ChartData cpu = set.charts().stream().filter(c -> c.id().equals(BackendChart.ID)).findFirst().orElseThrow();
    ChartData io = set.charts().stream().filter(c -> c.id().equals(BackendChart.ID + "-io")).findFirst().orElseThrow();

    // the sleeps' 50-90x would flatten the word job's bars: two charts, one axis each
    assertThat(cpu.categories()).allMatch(c -> c.startsWith(WORD_JOB));
    assertThat(cpu.series()).extracting(ChartData.Series::name)
        .containsExactly("platform threads", "member processes (cluster)", "Python processes (Pool)");
    List<Double> processes = cpu.series().get(1).points().stream().map(ChartData.Point::y).toList();
    assertThat(processes).hasSize(2);
    assertThat(processes.get(0)).isCloseTo(100 / 250.0, within(1e-9));
    assertThat(processes.get(1)).isCloseTo(100 / 150.0, within(1e-9));
    assertThat(io.categories()).containsExactly("sleep tasks of 5 ms: map, 100 workers, chunksize default (2 member processes)");
    assertThat(io.series()).extracting(ChartData.Series::name).containsExactly("platform threads",
        "virtual threads", "member processes (cluster)", "Python threads (ThreadPool)");
    assertThat(io.series().get(1).points()).singleElement()
        .satisfies(p -> assertThat(p.y()).isCloseTo(500 / 5.6, within(1e-9)));
    assertThat(io.series().get(2).points()).singleElement()
        .satisfies(p -> assertThat(p.y()).isCloseTo(500 / 9.0, within(1e-9)));
    // the word job's speed-up vs workers: threads and member processes as two lines, Python's beside them
    ChartData workers = set.charts().stream()
        .filter(c -> c.id().equals("speedup-workers-wordjobbenchmark-hashall-hashing-new-digest"))
        .findFirst().orElseThrow();
    assertThat(workers.series()).extracting(ChartData.Series::name).contains(
        "map, platform threads, chunksize default", "map, member processes, chunksize default",
        "Python Pool.map, chunksize default");
  }

  @Test
  void shouldTabulateSpeedUpsTimesAndPythonsPoolPerBackend() throws IOException {
    RunResults run = run();
    Table t = Tables.backends(run);

    List<String> processes = t.rows().stream()
        .filter(r -> r.get(0).contains("2 workers") && r.get(1).equals("2 member processes (cluster)"))
        .findFirst().orElseThrow();
    // speed-up (its interval from the bootstrap over iterations), time per job, Python's Pool(2).map (1.5 s) over it
    assertThat(processes.get(2)).isEqualTo("0.67x");
    assertThat(processes.get(3)).matches("\\[0\\.6\\d, 0\\.6\\d\\]");
    assertThat(processes.subList(4, 6)).containsExactly("150.0", "10.00x");
    assertThat(t.rows()).filteredOn(r -> r.get(0).contains("2 workers")).extracting(r -> r.get(1))
        .containsExactly("platform threads", "2 member processes (cluster)", "Python processes (Pool)");
    assertThat(t.rows()).filteredOn(r -> r.get(1).startsWith("Python")).allSatisfy(r -> assertThat(r.get(5)).isEqualTo("-"));

    Table speedUps = Tables.speedUps(run);
    List<String> backends = speedUps.rows().stream().filter(r -> r.get(0).equals(WORD_JOB))
        .map(r -> r.get(2) + "/" + r.get(3)).toList();
    // threads first, then member processes, fewer first
    assertThat(backends).containsExactly("PLATFORM/1", "PLATFORM/2", "CLUSTER (1 member process)/1",
        "CLUSTER (2 member processes)/2");
  }

  @Test
  void shouldSayWhatOneTaskCostsThroughMemberProcesses() throws IOException {
    Table t = Tables.taskCost(run());

    assertThat(t.rows()).extracting(r -> r.get(0)).containsExactly("platform threads", "member processes (cluster)");
    List<String> processes = t.rows().get(1);
    assertThat(processes.get(1)).isEqualTo("apply_async on member processes (cluster), 1 worker, chunksize default");
    assertThat(processes.get(2)).isEqualTo("3000");
    assertThat(Double.parseDouble(processes.get(3))).isCloseTo(1500, within(2.0));
    assertThat(Double.parseDouble(processes.get(5).replace("x", ""))).isCloseTo(125, within(0.5));
    // the threads' own row: p99 of 5,000 round trips, no ratio to itself
    assertThat(t.rows().get(0).subList(4, 6)).containsExactly("12.0", "-");
  }

  @Test
  void shouldShowThreadsOrProcessesOnThePageAndInTheSummary() throws IOException {
    RunResults run = run();
    ChartSet charts = Charts.forRun(run);
    String html = RunPage.render(run, charts, Map.of());
    String markdown = Summary.markdown(run);

    assertThat(html).contains("<a href=\"#backends\">threads or processes</a>", "<h2 id=\"backends\">",
        "id=\"t-backends\"", "id=\"t-task-cost\"", "fig-backends");
    assertThat(markdown).contains(Tables.backends(run).title() + ":", Tables.taskCost(run).title() + ":",
        "| CLUSTER (2 member processes) |");
  }

  @Test
  void shouldNameMemberProcessesInHeadlinesAndLabels() throws IOException {
    SpeedUp sleeps = run().speedUps().stream()
        .filter(s -> s.backend().equals("CLUSTER") && s.workers() == 100).findFirst().orElseThrow();

    assertThat(Headline.config(sleeps)).isEqualTo("the pool's map with 100 workers on 2 member processes");
    assertThat(ChartLabels.config(sleeps, true)).isEqualTo("map, 100 workers, chunksize default, 2 member processes");
    assertThat(ChartLabels.backend("CLUSTER", 1)).isEqualTo("1 member process");
    assertThat(ChartLabels.backend("PLATFORM", 0)).isEqualTo("platform threads");
    // members is the configuration, not the workload: the same job as the serial loop
    assertThat(sleeps.job()).isEqualTo("CpuIoBenchmark.runAll costMicros=5000 task=SLEEP");
  }
}
