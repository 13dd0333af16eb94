package io.poollab.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * Turns a run (or the list of runs) into the data of its charts. A chart that would have no
 * points, or a single bar or point, is not made; a note says which and why.
 *
 * <p>Per job (benchmark and workload params), see {@link JobCharts}: speed-up vs workers, each
 * method at its best, speed-up vs chunksize, parallel efficiency; Python's pools only in the
 * charts of the same task and cost. Per run: threads, member processes and Python's processes on
 * the same configurations ({@link BackendChart}), one latency chart per kind of latency ({@link
 * LatencyCharts}), the streaming charts. Distributions: per job, the per-round speed-ups as
 * strip charts ({@link RoundCharts}, kind {@link ChartKind#STRIP}; the page shows them in their
 * own section). For the index: each job's best pool speed-up and best peer speed-up across runs.
 *
 * <pre>{@code
 * ChartSet set = Charts.forRun(RunReader.read(runDir));
 * }</pre>
 */
public final class Charts {

  /**
   * Python's sleep workload: 100 sleeps of this many microseconds ({@code pool_reference.py
   * --sleep-ms 5}, as {@code PlanBuilder} runs it; python.json does not record it). Drawn only
   * beside a JMH sleep job of the same cost.
   */
  static final long PYTHON_SLEEP_MICROS = 5_000;

  private Charts() {}

  /**
   * The charts of one run's page.
   *
   * @param run the run
   * @return its charts, and notes for the ones skipped
   */
  public static ChartSet forRun(RunResults run) {
    List<ChartData> charts = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    List<String> jobs = jobs(run);
    Slugs slugs = new Slugs();
    if (jobs.isEmpty()) {
      skipped.add("Speed-up, chunksize and efficiency charts: the run has no parallel JMH results.");
    }
    Set<String> pythonDrawn = new HashSet<>();
    for (String job : jobs) {
      String slug = slugs.of(job);
      List<SpeedUp> own = run.speedUps().stream().filter(s -> !s.python() && s.job().equals(job)).toList();
      List<SpeedUp> finite = own.stream().filter(SpeedUp::isFinite).toList();
      if (own.isEmpty()) {
        skipped.add("Speed-up charts for " + job + ": no speed-up (no SERIAL result of this job in"
            + " the run, or no 'workers' param); its scores are in the results table.");
        continue;
      }
      if (finite.isEmpty()) {
        skipped.add("Speed-up charts for " + job + ": every speed-up is NaN (scores were NaN).");
        continue;
      }
      Map<String, String> params = finite.get(0).params();
      List<SpeedUp> python = run.speedUps().stream()
          .filter(s -> s.python() && s.isFinite() && pythonMatches(s.job(), job, params)).toList();
      python.forEach(s -> pythonDrawn.add(s.job()));
      JobCharts.add(slug, job, finite, python, charts, skipped);
    }
    // streaming workloads (stream-<interval>us) are drawn in the streaming charts
    new TreeSet<>(run.speedUps().stream().filter(s -> s.python() && s.isFinite())
        .map(SpeedUp::job).filter(w -> !w.startsWith("stream-")).toList())
        .stream().filter(w -> !pythonDrawn.contains(w)).forEach(w -> skipped.add("Python's '" + w
            + "' results: no JMH job of this run has the same task and cost" + (w.equals("sleep")
                ? " (Python's sleep workload is 100 sleeps of " + PYTHON_SLEEP_MICROS / 1000 + " ms)" : "")
            + ", so they are in the Python table only."));
    List<ChartData> backends = BackendChart.of(run);
    charts.addAll(backends);
    if (backends.isEmpty()) {
      skipped.add("Threads or processes: no configuration was measured on two backends (platform threads,"
          + " virtual threads, member processes).");
    }
    if (run.latencies().isEmpty()) {
      skipped.add("Latency percentiles: the run has no readable histograms/*.hlog.");
    }
    charts.addAll(LatencyCharts.of(run.latencies(), skipped));
    if (run.results().stream().anyMatch(r -> !r.isSerial() && Streaming.isPaced(r.params()))) {
      skipped.add("Speed-up charts for the streaming benchmark: a paced input sets the time (the"
          + " serial loop keeps up with it too); its charts and table are under Streaming input.");
    }
    List<Streaming.Row> streaming = Streaming.rows(run);
    streamingFirstResult(streaming).ifPresent(charts::add);
    streamingThroughput(streaming).ifPresent(charts::add);
    charts.addAll(RoundCharts.of(run, skipped));
    charts.addAll(IterationCharts.of(run, skipped));
    return new ChartSet(charts, skipped);
  }

  /**
   * The index page's trend charts: for each job, its best pool speed-up and best peer speed-up in
   * each run, runs oldest first.
   *
   * @param runs the runs, in any order; drawn in order of their start time ({@link RunFolders})
   * @return one chart per job that has a finite speed-up in some run
   */
  public static ChartSet forIndex(List<RunResults> runs) {
    // oldest first by start time, the order the index lists them in (newest first) reversed
    List<RunResults> ordered = runs.stream().sorted(RunFolders.oldestFirst()).toList();
    LinkedHashSet<String> jobs = new LinkedHashSet<>();
    ordered.forEach(r -> r.speedUps().stream()
        .filter(s -> !s.python() && s.isFinite() && !Streaming.isPaced(s.params()))
        .forEach(s -> jobs.add(s.job())));
    List<ChartData> charts = new ArrayList<>();
    Slugs slugs = new Slugs();
    for (String job : jobs) {
      List<ChartData.Point> pool = new ArrayList<>();
      List<ChartData.Point> peer = new ArrayList<>();
      for (int i = 0; i < ordered.size(); i++) {
        RunResults r = ordered.get(i);
        int index = i;
        best(r, job, true).ifPresent(s -> pool.add(ChartData.Point.of(r.name(), index, s.value(), s.error())));
        best(r, job, false).ifPresent(s -> peer.add(ChartData.Point.of(r.name(), index, s.value(), s.error())));
      }
      List<ChartData.Series> series = new ArrayList<>();
      if (!pool.isEmpty()) {
        series.add(new ChartData.Series("pool (best)", false, pool));
      }
      if (!peer.isEmpty()) {
        series.add(new ChartData.Series("peers (best)", false, peer));
      }
      charts.add(new ChartData("trend-" + slugs.of(job), "Best speed-up across runs: " + job,
          ChartKind.TREND, "run", "speed-up (serial / parallel)", series,
          ordered.stream().map(RunResults::name).toList()));
    }
    List<String> skipped = charts.isEmpty()
        ? List.of("Trend charts: no run has a finite speed-up.") : List.of();
    return new ChartSet(charts, skipped);
  }

  /**
   * The best finite speed-up of a job in a run, among the pool's impls or among the peers.
   *
   * @param run the run
   * @param job the job
   * @param pool true for {@code POOL_*} impls, false for the peers
   * @return the highest speed-up, if any
   */
  static Optional<SpeedUp> best(RunResults run, String job, boolean pool) {
    return run.speedUps().stream()
        .filter(s -> !s.python() && s.isFinite() && s.job().equals(job))
        .filter(s -> s.impl().startsWith("POOL_") == pool)
        .max(Comparator.comparingDouble(SpeedUp::value));
  }

  /**
   * The jobs of a run's non-serial results, in file order, but those over a paced input: a paced
   * input sets their time, so they have no speed-up to chart or recommend (see {@link Streaming}).
   */
  static List<String> jobs(RunResults run) {
    LinkedHashSet<String> jobs = new LinkedHashSet<>();
    run.results().stream().filter(r -> !r.isSerial() && !Streaming.isPaced(r.params()))
        .forEach(r -> jobs.add(r.job()));
    return List.copyOf(jobs);
  }

  /** Whether a job is IO-bound (sleeps or talks to a socket) rather than CPU-bound. */
  static boolean isIoBound(String job) {
    String j = job.toLowerCase(Locale.ROOT);
    return j.startsWith("io") || j.contains("sleep") || j.contains("loopback") || j.contains("iomillis");
  }

  /**
   * Whether Python's workload is the same task at the same cost as a JMH job, so its speed-up
   * may be drawn beside the job's: {@code words} is the word job with a new digest per word (as
   * Python's {@code hash_word} does); {@code sleep} is a sleep job of {@link
   * #PYTHON_SLEEP_MICROS} per task.
   *
   * @param workload Python's workload
   * @param job the JMH job
   * @param params the params of one of the job's results
   * @return true when the two measure the same thing
   */
  static boolean pythonMatches(String workload, String job, Map<String, String> params) {
    String j = job.toLowerCase(Locale.ROOT);
    if (workload.equals("words")) {
      return (j.contains("word") || j.contains("hash"))
          && params.getOrDefault("hashing", "NEW_DIGEST").equals("NEW_DIGEST") && !params.containsKey("task");
    }
    if (workload.equals("sleep")) {
      String task = params.getOrDefault("task", j.contains("sleep") ? "SLEEP" : "");
      String micros = params.containsKey("costMicros") ? params.get("costMicros")
          : params.containsKey("ioMillis") && params.get("ioMillis").matches("\\d+")
              ? Long.toString(1000 * Long.parseLong(params.get("ioMillis"))) : "";
      return task.equalsIgnoreCase("SLEEP") && micros.equals(Long.toString(PYTHON_SLEEP_MICROS));
    }
    return false;
  }

  /**
   * The median time to the first result over each paced input, in item intervals: one bar per
   * implementation and Python's beside them, and the target (one interval plus one task).
   */
  static Optional<ChartData> streamingFirstResult(List<Streaming.Row> rows) {
    return streamingBars(rows, "streaming-first-result",
        "Streaming input: time to the first result, in item intervals (median)",
        "first result / item interval",
        r -> r.firstP50Micros() / r.intervalMicros(), r -> r.pythonFirstMicros() / r.intervalMicros(),
        r -> r.impl().startsWith("POOL_") ? r.targetMicros() / r.intervalMicros() : Double.NaN);
  }

  /** The throughput over each paced input as a share of the input's rate (1: keeps up). */
  static Optional<ChartData> streamingThroughput(List<Streaming.Row> rows) {
    return streamingBars(rows, "streaming-throughput",
        "Streaming input: throughput / the input's rate (1.0 keeps up)",
        "throughput / input rate",
        r -> r.throughputPerSecond() / r.inputPerSecond(), r -> r.pythonThroughputPerSecond() / r.inputPerSecond(),
        r -> Double.NaN);
  }

  /**
   * Bars by paced input and method, one row each ({@code every 100 µs: imap, 2 workers}, in
   * interval order): the lab's bar, Python's bar of the same call beside it, and an optional
   * reference (the target). Three series at most, each row comparing like with like.
   */
  private static Optional<ChartData> streamingBars(List<Streaming.Row> rows, String id, String title,
      String yLabel, ToDoubleFunction<Streaming.Row> java, ToDoubleFunction<Streaming.Row> python,
      ToDoubleFunction<Streaming.Row> reference) {
    List<String> categories = new ArrayList<>();
    Map<String, List<ChartData.Point>> series = new LinkedHashMap<>();
    series.put("this pool (Java)", new ArrayList<>());
    series.put("Python", new ArrayList<>());
    series.put("target (interval + task)", new ArrayList<>());
    for (Streaming.Row r : rows) {
      String c = "every " + Streaming.interval(r.intervalMicros()) + ": "
          + ChartLabels.config(r.impl(), "", r.workers(), "", false);
      if (!categories.contains(c)) {
        categories.add(c);
      }
      int index = categories.indexOf(c);
      addPoint(series, "this pool (Java)", c, index, java.applyAsDouble(r));
      addPoint(series, "Python", c, index, python.applyAsDouble(r));
      addPoint(series, "target (interval + task)", c, index, reference.applyAsDouble(r));
    }
    List<ChartData.Series> out = new ArrayList<>();
    series.forEach((name, points) -> {
      if (!points.isEmpty()) {
        out.add(new ChartData.Series(name, false, points));
      }
    });
    if (out.isEmpty() || out.get(0).name().startsWith("target")) {
      return Optional.empty();
    }
    return Optional.of(new ChartData(id, title, ChartKind.BAR, "paced input: method", yLabel, out, categories));
  }

  private static void addPoint(Map<String, List<ChartData.Point>> series, String name, String category,
      int index, double y) {
    List<ChartData.Point> points = series.computeIfAbsent(name, k -> new ArrayList<>());
    if (Double.isFinite(y)) {
      points.add(ChartData.Point.of(category, index, y, Double.NaN));
    }
  }
}
