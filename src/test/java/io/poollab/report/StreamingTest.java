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
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming table and charts, from a synthetic run: JMH results of the streaming benchmark
 * over two paced inputs, their first-result logs, and Python's results over the same inputs.
 */
@Timeout(60)
class StreamingTest {

  private static final String STREAMING = "io.poollab.bench.StreamingBenchmark.stream";

  @TempDir Path tmp;

  private static Map<String, String> params(String impl, int workers, String chunksize, long interval, int items) {
    Map<String, String> p = new TreeMap<>();
    p.put("impl", impl);
    p.put("workers", Integer.toString(workers));
    p.put("chunksize", chunksize);
    p.put("intervalMicros", Long.toString(interval));
    p.put("items", Integer.toString(items));
    return p;
  }

  /** Three rounds of three streams each, every stream {@code ms} long. */
  private static double[][] rounds(double ms) {
    return new double[][] {{ms, ms, ms}, {ms, ms, ms}, {ms, ms, ms}};
  }

  /** A latency log as LatencyLog writes one: {@code count} first results of {@code nanos}, plus a tail. */
  private static void log(Path run, Map<String, String> params, int fork, long nanos, int count,
      long tailNanos, int tail) throws IOException {
    BenchmarkResult named = new BenchmarkResult(STREAMING, "avgt", new TreeMap<>(params), 1, 0, "ms/op", List.of(1.0));
    Path dir = Files.createDirectories(run.resolve(RunReader.HISTOGRAMS));
    Histogram h = new Histogram(3);
    h.recordValueWithCount(nanos, count);
    if (tail > 0) {
      h.recordValueWithCount(tailNanos, tail);
    }
    HistogramLogWriter writer = new HistogramLogWriter(
        dir.resolve(named.latencyLogName() + "-fork" + fork + ".hlog").toFile());
    writer.outputLogFormatVersion();
    writer.outputStartTime(0);
    writer.outputLegend();
    writer.outputIntervalHistogram(h);
    writer.close();
  }

  /**
   * The run: at 100 us, the serial loop's first result takes 2 us (one task), imap's 60 us (with
   * 1,000 samples, 20 of them at 400 us) and imapUnordered's 6.3 ms (63 intervals: a pool that
   * reads ahead before it runs anything); at 10 ms, imap's 150 us and no imapUnordered from JMH.
   * Python measured all three calls at both paces.
   */
  private Path run() throws IOException {
    Path run = tmp.resolve("20260301-120000");
    SyntheticRun.seeded(1)
        .raw(STREAMING, params("SERIAL", 1, "default", 100, 1000), rounds(99.9))
        .raw(STREAMING, params("POOL_IMAP", 2, "1", 100, 1000), rounds(100.0))
        .raw(STREAMING, params("POOL_IMAP_UNORDERED", 2, "1", 100, 1000), rounds(111.0))
        .raw(STREAMING, params("SERIAL", 1, "default", 10_000, 20), rounds(190.0))
        .raw(STREAMING, params("POOL_IMAP", 2, "1", 10_000, 20), rounds(190.0))
        .raw(SyntheticRun.WORD_JOB, Map.of("impl", "SERIAL", "workers", "1", "chunksize", "default",
            "hashing", "NEW_DIGEST"), rounds(100))
        .raw(SyntheticRun.WORD_JOB, Map.of("impl", "POOL_MAP", "workers", "2", "chunksize", "default",
            "hashing", "NEW_DIGEST"), rounds(52))
        .writeTo(run);
    log(run, params("SERIAL", 1, "default", 100, 1000), 1, 2_000, 9, 0, 0);
    log(run, params("POOL_IMAP", 2, "1", 100, 1000), 2, 60_000, 980, 400_000, 20);
    log(run, params("POOL_IMAP_UNORDERED", 2, "1", 100, 1000), 3, 6_300_000, 9, 0, 0);
    log(run, params("SERIAL", 1, "default", 10_000, 20), 4, 2_000, 9, 0, 0);
    log(run, params("POOL_IMAP", 2, "1", 10_000, 20), 5, 150_000, 9, 0, 0);
    Files.writeString(run.resolve(RunReader.PYTHON_JSON), """
        {"python": "3.11.2", "cores": 2, "dataset": "d.txt", "results": [
          {"impl": "PY_SERIAL", "workload": "stream-100us", "workers": 1, "chunksize": "default",
           "intervalMicros": 100, "items": 1000, "samplesSeconds": [0.0999, 0.0999, 0.0999],
           "medianSeconds": 0.0999, "firstResultSeconds": [0.00004, 0.00004, 0.00004]},
          {"impl": "PY_POOL_IMAP", "workload": "stream-100us", "workers": 2, "chunksize": 1,
           "intervalMicros": 100, "items": 1000, "samplesSeconds": [0.111, 0.1332, 0.1221],
           "medianSeconds": 0.1221, "firstResultSeconds": [0.0015, 0.0009, 0.0012]},
          {"impl": "PY_POOL_IMAP_UNORDERED", "workload": "stream-100us", "workers": 2, "chunksize": 1,
           "intervalMicros": 100, "items": 1000, "samplesSeconds": [0.111, 0.111, 0.111],
           "medianSeconds": 0.111, "firstResultSeconds": [0.0008, 0.0008, 0.0008]},
          {"impl": "PY_SERIAL", "workload": "stream-10000us", "workers": 1, "chunksize": "default",
           "intervalMicros": 10000, "items": 20, "samplesSeconds": [0.19, 0.19, 0.19],
           "medianSeconds": 0.19, "firstResultSeconds": [0.00004, 0.00004, 0.00004]},
          {"impl": "PY_POOL_IMAP_UNORDERED", "workload": "stream-10000us", "workers": 2, "chunksize": 1,
           "intervalMicros": 10000, "items": 20, "samplesSeconds": [0.2, 0.2, 0.2],
           "medianSeconds": 0.2, "firstResultSeconds": [0.0004, 0.0004, 0.0004]}
        ]}
        """);
    return run;
  }

  private static Streaming.Row row(List<Streaming.Row> rows, long interval, String impl) {
    return rows.stream().filter(r -> r.intervalMicros() == interval && r.impl().equals(impl))
        .findFirst().orElseThrow(() -> new AssertionError("no row " + interval + " " + impl + " in " + rows));
  }

  @Test
  void shouldJudgeTheFirstResultAgainstOneIntervalPlusOneTask() throws IOException {
    RunResults run = RunReader.read(run());
    List<Streaming.Row> rows = Streaming.rows(run);

    assertThat(run.problems()).isEmpty();
    assertThat(rows).extracting(r -> Streaming.interval(r.intervalMicros()) + " " + r.impl() + " w=" + r.workers())
        .containsExactly("100 µs SERIAL w=1", "100 µs POOL_IMAP w=2", "100 µs POOL_IMAP_UNORDERED w=2",
            "10 ms SERIAL w=1", "10 ms POOL_IMAP w=2", "10 ms POOL_IMAP_UNORDERED w=2");
    Streaming.Row imap = row(rows, 100, "POOL_IMAP");
    // one task: the serial loop's first result (its first item comes at once)
    assertThat(imap.taskMicros()).isCloseTo(2.0, within(0.01));
    assertThat(imap.targetMicros()).isCloseTo(102.0, within(0.01));
    assertThat(imap.firstP50Micros()).isCloseTo(60.0, within(0.1));
    assertThat(imap.withinTarget()).isEqualTo("yes");
    assertThat(row(rows, 100, "POOL_IMAP_UNORDERED").withinTarget()).isEqualTo("no");
    assertThat(row(rows, 100, "SERIAL").withinTarget()).isEqualTo("-");
    assertThat(row(rows, 10_000, "POOL_IMAP").withinTarget()).isEqualTo("yes");
    // only Python measured imapUnordered at 10 ms: no JMH verdict, Python's figures kept
    Streaming.Row pythonOnly = row(rows, 10_000, "POOL_IMAP_UNORDERED");
    assertThat(pythonOnly.withinTarget()).isEqualTo("-");
    assertThat(pythonOnly.firstResults()).isZero();
    assertThat(pythonOnly.pythonFirstMicros()).isCloseTo(400.0, within(1e-6));
  }

  @Test
  void shouldShowP99OnlyWithEnoughFirstResults() throws IOException {
    List<Streaming.Row> rows = Streaming.rows(RunReader.read(run()));

    // 1,000 first results, 20 of them slow: the p99 is a slow one
    assertThat(row(rows, 100, "POOL_IMAP").firstResults()).isEqualTo(1000);
    assertThat(row(rows, 100, "POOL_IMAP").firstP99Micros()).isCloseTo(400.0, within(0.5));
    // nine: no p99
    assertThat(row(rows, 100, "POOL_IMAP_UNORDERED").firstResults()).isEqualTo(9);
    assertThat(row(rows, 100, "POOL_IMAP_UNORDERED").firstP99Micros()).isNaN();
  }

  @Test
  void shouldMeasureThroughputAgainstTheInputRate() throws IOException {
    List<Streaming.Row> rows = Streaming.rows(RunReader.read(run()));

    // the input takes 999 intervals of 100 us: a stream of 99.9 ms kept up, one of 111 ms did not
    assertThat(row(rows, 100, "SERIAL").throughputPerSecond()).isCloseTo(10_000.0, within(0.01));
    assertThat(row(rows, 100, "POOL_IMAP_UNORDERED").throughputPerSecond()).isCloseTo(9_000.0, within(0.01));
    assertThat(row(rows, 100, "POOL_IMAP").inputPerSecond()).isEqualTo(10_000.0);
    assertThat(row(rows, 10_000, "POOL_IMAP").throughputPerSecond()).isCloseTo(100.0, within(1e-9));
    // Python's: medians over its repetitions (first result 1.2 ms; 999 / 0.1221 s)
    Streaming.Row imap = row(rows, 100, "POOL_IMAP");
    assertThat(imap.pythonFirstMicros()).isCloseTo(1200.0, within(1e-6));
    assertThat(imap.pythonThroughputPerSecond()).isCloseTo(999 / 0.1221, within(1e-6));
  }

  @Test
  void shouldTabulateTheStreamingInput() throws IOException {
    RunResults run = RunReader.read(run());
    Table table = Tables.streaming(run);

    assertThat(table.rows()).hasSize(6);
    assertThat(table.rows().get(1)).containsExactly("1000 items every 100 µs", "POOL_IMAP", "2", "1", "60.0",
        "400.1", "1000", "102.0", "yes", "9990", "10000", "99.9%", "1200.0", "8182");
    assertThat(table.rows().get(2)).contains("6303.7", "n/a (9 < 1000)", "no", "9000", "90.0%");
    assertThat(table.rows().get(5)).containsExactly("20 items every 10 ms", "POOL_IMAP_UNORDERED", "2", "-", "-",
        "-", "0", "10002.0", "-", "-", "100", "-", "400.0", "95");
    Golden.check("tables-streaming.txt", table.toText());
    assertThat(Tables.streaming(RunReader.read(Golden.run("full"))).rows()).isEmpty();
  }

  @Test
  void shouldDrawStreamingChartsAndLeaveItOutOfSpeedUpChartsAndRecommendations() throws IOException {
    RunResults run = RunReader.read(run());
    ChartSet charts = Charts.forRun(run);

    assertThat(charts.charts()).extracting(ChartData::id)
        .contains("streaming-first-result", "streaming-throughput")
        .noneMatch(id -> id.contains("streamingbenchmark"));
    assertThat(charts.skipped()).anyMatch(s -> s.startsWith("Speed-up charts for the streaming benchmark"));
    ChartData first = charts.charts().stream().filter(c -> c.id().equals("streaming-first-result"))
        .findFirst().orElseThrow();
    // one row per paced input and method; the lab's bar, Python's and the target beside each other
    assertThat(first.categories()).containsExactly(
        "every 100 µs: serial loop", "every 100 µs: imap, 2 workers", "every 100 µs: imap_unordered, 2 workers",
        "every 10 ms: serial loop", "every 10 ms: imap, 2 workers", "every 10 ms: imap_unordered, 2 workers");
    assertThat(first.series()).extracting(ChartData.Series::name).containsExactly(
        "this pool (Java)", "Python", "target (interval + task)");
    // imapUnordered at 100 us: 6.3 ms is 63 intervals
    assertThat(first.series().get(0).points()).filteredOn(p -> p.category().equals("every 100 µs: imap_unordered, 2 workers"))
        .singleElement().satisfies(p -> assertThat(p.y()).isCloseTo(63.0, within(0.1)));
    // the target only for the pool's calls, not for the serial loop
    assertThat(first.series().get(2).points()).extracting(ChartData.Point::category)
        .noneMatch(c -> c.endsWith("serial loop"));
    Golden.check("charts-streaming.txt", first.toText());
    // the word job is recommended; the paced input, whose time the input sets, is not
    assertThat(Recommendation.forRun(run)).extracting(Recommendation::job)
        .containsExactly("WordJobBenchmark.hashAll hashing=NEW_DIGEST");
    // its speed-ups over the serial loop (keeping up) stay in the speed-up table
    assertThat(run.speedUps()).anyMatch(s -> s.job().startsWith("StreamingBenchmark.stream") && !s.python());
  }

  @Test
  void shouldPutTheStreamingTableOnThePageAndInTheSummary() throws IOException {
    RunResults run = RunReader.read(run());
    String html = Files.readString(ReportWriter.writeRun(run));
    String markdown = Summary.markdown(run);

    assertThat(html).contains("<a href=\"#streaming\">streaming</a>", "<h2 id=\"streaming\">Streaming input:",
        "id=\"fig-streaming-first-result\"", "id=\"fig-streaming-throughput\"");
    assertThat(markdown).contains("Streaming input: time to the first result",
        "| 1000 items every 100 µs | POOL_IMAP | 2 | 1 | 60.0 | 400.1 | 1000 | 102.0 | yes |");
    // a run without a paced input has neither
    String plain = Files.readString(ReportWriter.writeRun(RunReader.read(RunPageTest.copyFixture("full", tmp))));
    assertThat(plain).doesNotContain("id=\"streaming\"", "#streaming");
  }
}
