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
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import org.HdrHistogram.Histogram;

/**
 * Turns a run (or the list of runs) into the data of its charts. A chart that would have no
 * points is not made; a note says which and why.
 *
 * <p>Per job (benchmark and workload params): speed-up vs workers (the main pool method one
 * line per chunksize, each peer and Python's matching pools as their own lines at their best
 * chunksize, the ideal {@code y = workers} dashed); the pool's methods side by side, when there
 * are several; speed-up vs chunksize (log x, one line per impl and worker count); parallel
 * efficiency vs workers (every method at its best chunksize). Per run: CPU-bound vs IO-bound
 * best speed-ups by backend, and latency percentiles from the histograms. For the index: each
 * job's best pool speed-up and best peer speed-up across runs.
 *
 * <pre>{@code
 * ChartSet set = Charts.forRun(RunReader.read(runDir));
 * }</pre>
 */
public final class Charts {

  /** The percentiles (in percent) drawn on latency charts, where the histogram holds enough values. */
  static final double[] PERCENTILES = {0, 50, 75, 90, 95, 99, 99.5, 99.9, 99.95, 99.99, 99.999};

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
      List<SpeedUp> python = run.speedUps().stream()
          .filter(s -> s.python() && s.isFinite() && pythonMatches(s.job(), job)).toList();
      charts.add(speedUpVsWorkers(slug, job, finite, python));
      methods(slug, job, finite).ifPresent(charts::add);
      chunksizeChart(slug, job, finite).ifPresentOrElse(charts::add, () -> skipped.add(
          "Speed-up vs chunksize for " + job + ": fewer than two numeric chunksizes measured."));
      charts.add(efficiency(slug, job, finite, python));
    }
    cpuVsIo(run).ifPresentOrElse(charts::add, () -> skipped.add(
        "CPU-bound vs IO-bound: no finite speed-ups to compare."));
    latency(run.latencies()).ifPresentOrElse(charts::add, () -> skipped.add(
        "Latency percentiles: the run has no readable histograms/*.hlog."));
    if (run.results().stream().anyMatch(r -> !r.isSerial() && Streaming.isPaced(r.params()))) {
      skipped.add("Speed-up charts for the streaming benchmark: a paced input sets the time (the"
          + " serial loop keeps up with it too); its charts and table are under Streaming input.");
    }
    List<Streaming.Row> streaming = Streaming.rows(run);
    streamingFirstResult(streaming).ifPresent(charts::add);
    streamingThroughput(streaming).ifPresent(charts::add);
    return new ChartSet(charts, skipped);
  }

  /**
   * The index page's trend charts: for each job, its best pool speed-up and best peer speed-up in
   * each run, runs oldest first.
   *
   * @param runs the runs, in any order; drawn in name order (the names are timestamps)
   * @return one chart per job that has a finite speed-up in some run
   */
  public static ChartSet forIndex(List<RunResults> runs) {
    List<RunResults> ordered = runs.stream().sorted(Comparator.comparing(RunResults::name)).toList();
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

  /** Whether Python's workload ({@code words}, {@code sleep}) is the same job as a JMH job. */
  static boolean pythonMatches(String workload, String job) {
    String j = job.toLowerCase(Locale.ROOT);
    String w = workload.toLowerCase(Locale.ROOT);
    return !w.isEmpty() && (j.contains(w) || (w.equals("words") && j.contains("hash")));
  }

  /** Whether a job is IO-bound (sleeps or talks to a socket) rather than CPU-bound. */
  static boolean isIoBound(String job) {
    String j = job.toLowerCase(Locale.ROOT);
    return j.startsWith("io") || j.contains("sleep") || j.contains("loopback") || j.contains("iomillis");
  }

  /**
   * Speed-up vs workers: the main pool method (POOL_MAP when measured) one line per chunksize;
   * every peer and Python's pools one line each, at their best chunksize per worker count; the
   * ideal dashed.
   */
  private static ChartData speedUpVsWorkers(
      String slug, String job, List<SpeedUp> finite, List<SpeedUp> python) {
    String main = mainPoolImpl(finite);
    boolean backends = backends(finite);
    List<ChartData.Series> series = new ArrayList<>();
    Map<String, List<SpeedUp>> byChunksize = new LinkedHashMap<>();
    finite.stream().filter(s -> s.impl().equals(main)).forEach(s -> byChunksize
        .computeIfAbsent(s.impl() + (s.chunksize().isEmpty() ? "" : " c=" + s.chunksize())
            + (backends ? " " + s.backend() : ""), k -> new ArrayList<>()).add(s));
    byChunksize.forEach((name, list) -> series.add(line(name, list, SpeedUp::value, SpeedUp::error)));
    series.addAll(bestLines(finite.stream().filter(s -> !s.impl().startsWith("POOL_")).toList(),
        "", backends, SpeedUp::value, SpeedUp::error));
    series.addAll(bestLines(python, "Python ", false, SpeedUp::value, SpeedUp::error));
    series.add(ideal(finite, python, true));
    return new ChartData("speedup-workers-" + slug, "Speed-up vs workers: " + job, ChartKind.LINE,
        "workers", "speed-up (serial / parallel)", series);
  }

  /** The pool's methods side by side, each at its best chunksize; only when there are several. */
  private static Optional<ChartData> methods(String slug, String job, List<SpeedUp> finite) {
    List<SpeedUp> pool = finite.stream().filter(s -> s.impl().startsWith("POOL_")).toList();
    if (pool.stream().map(SpeedUp::impl).distinct().count() < 2) {
      return Optional.empty();
    }
    List<ChartData.Series> series = new ArrayList<>(
        bestLines(pool, "", backends(finite), SpeedUp::value, SpeedUp::error));
    series.add(ideal(pool, List.of(), true));
    return Optional.of(new ChartData("methods-" + slug,
        "Pool methods vs workers (best chunksize each): " + job, ChartKind.LINE, "workers",
        "speed-up (serial / parallel)", series));
  }

  /** Efficiency of every method, peer and Python pool at its best chunksize. */
  private static ChartData efficiency(
      String slug, String job, List<SpeedUp> finite, List<SpeedUp> python) {
    List<ChartData.Series> series = new ArrayList<>(bestLines(finite, "", backends(finite),
        SpeedUp::efficiency, SpeedUp::efficiencyError));
    series.addAll(bestLines(python, "Python ", false, SpeedUp::efficiency, SpeedUp::efficiencyError));
    series.add(ideal(finite, python, false));
    return new ChartData("efficiency-" + slug, "Parallel efficiency vs workers: " + job,
        ChartKind.LINE, "workers", "efficiency (speed-up / workers)", series);
  }

  /** The method drawn by chunksize: POOL_MAP when measured, else the first pool method. */
  static String mainPoolImpl(List<SpeedUp> finite) {
    List<String> pool = finite.stream().map(SpeedUp::impl).filter(i -> i.startsWith("POOL_"))
        .distinct().toList();
    return pool.contains("POOL_MAP") ? "POOL_MAP" : pool.isEmpty() ? "" : pool.get(0);
  }

  private static boolean backends(List<SpeedUp> finite) {
    return finite.stream().map(SpeedUp::backend).distinct().count() > 1;
  }

  /**
   * One line per impl (and backend): at each worker count its highest speed-up over the
   * chunksizes measured; the name says "best chunksize" when there was more than one.
   */
  private static List<ChartData.Series> bestLines(List<SpeedUp> list, String prefix,
      boolean backends, ToDoubleFunction<SpeedUp> y, ToDoubleFunction<SpeedUp> err) {
    Map<String, List<SpeedUp>> byImpl = new LinkedHashMap<>();
    list.forEach(s -> byImpl.computeIfAbsent(s.impl() + (backends ? " " + s.backend() : ""),
        k -> new ArrayList<>()).add(s));
    List<ChartData.Series> out = new ArrayList<>();
    byImpl.forEach((impl, all) -> {
      Map<Integer, SpeedUp> best = new TreeMap<>();
      all.forEach(s -> best.merge(s.workers(), s, (a, b) -> b.value() > a.value() ? b : a));
      boolean several = all.stream().map(SpeedUp::chunksize).distinct().count() > 1;
      String name = prefix + impl + (several ? " (best chunksize)"
          : all.get(0).chunksize().isEmpty() ? "" : " c=" + all.get(0).chunksize());
      out.add(line(name, List.copyOf(best.values()), y, err));
    });
    return out;
  }

  private static ChartData.Series line(String name, List<SpeedUp> list,
      ToDoubleFunction<SpeedUp> y, ToDoubleFunction<SpeedUp> err) {
    return new ChartData.Series(name, false, list.stream()
        .sorted(Comparator.comparingInt(SpeedUp::workers))
        .map(s -> ChartData.Point.of(s.workers(), y.applyAsDouble(s), err.applyAsDouble(s)))
        .toList());
  }

  /** The dashed ideal: y = workers for speed-ups, y = 1 for efficiency. */
  private static ChartData.Series ideal(List<SpeedUp> finite, List<SpeedUp> python, boolean speedUp) {
    TreeSet<Integer> workers = new TreeSet<>(Set.of(1));
    finite.forEach(s -> workers.add(s.workers()));
    python.forEach(s -> workers.add(s.workers()));
    if (speedUp) {
      return new ChartData.Series("ideal (y = workers)", true,
          workers.stream().map(w -> ChartData.Point.of(w, w, Double.NaN)).toList());
    }
    return new ChartData.Series("ideal (1.0)", true,
        List.of(ChartData.Point.of(workers.first(), 1, Double.NaN),
            ChartData.Point.of(workers.last(), 1, Double.NaN)));
  }

  private static Optional<ChartData> chunksizeChart(String slug, String job, List<SpeedUp> finite) {
    List<SpeedUp> numeric = finite.stream().filter(s -> s.chunksize().matches("\\d+")).toList();
    if (numeric.stream().map(SpeedUp::chunksize).distinct().count() < 2) {
      return Optional.empty();
    }
    boolean backends = numeric.stream().map(SpeedUp::backend).distinct().count() > 1;
    Map<String, List<SpeedUp>> byLine = new LinkedHashMap<>();
    numeric.stream().sorted(Comparator.comparingInt(SpeedUp::workers)).forEach(s -> byLine
        .computeIfAbsent(s.impl() + " w=" + s.workers() + (backends ? " " + s.backend() : ""),
            k -> new ArrayList<>()).add(s));
    List<ChartData.Series> series = new ArrayList<>();
    byLine.forEach((name, list) -> series.add(new ChartData.Series(name, false,
        list.stream().sorted(Comparator.comparingLong(s -> Long.parseLong(s.chunksize())))
            .map(s -> ChartData.Point.of(Long.parseLong(s.chunksize()), s.value(), s.error()))
            .toList())));
    return Optional.of(new ChartData("speedup-chunksize-" + slug, "Speed-up vs chunksize: " + job,
        ChartKind.LOG_X, "chunksize (log scale)", "speed-up (serial / parallel)", series));
  }

  private static Optional<ChartData> cpuVsIo(RunResults run) {
    Map<String, Map<String, SpeedUp>> bestByBackend = new LinkedHashMap<>();
    for (String backend : List.of("PLATFORM", "VIRTUAL")) {
      bestByBackend.put(backend, new LinkedHashMap<>());
    }
    for (SpeedUp s : run.speedUps()) {
      if (s.python() || !s.isFinite() || Streaming.isPaced(s.params())) {
        continue;
      }
      String kind = isIoBound(s.job()) ? "IO-bound" : "CPU-bound";
      Map<String, SpeedUp> best = bestByBackend.computeIfAbsent(s.backend(), k -> new LinkedHashMap<>());
      best.merge(kind, s, (a, b) -> b.value() > a.value() ? b : a);
    }
    List<ChartData.Series> series = new ArrayList<>();
    bestByBackend.forEach((backend, best) -> {
      List<ChartData.Point> points = new ArrayList<>();
      List<String> kinds = List.of("CPU-bound", "IO-bound");
      for (int i = 0; i < kinds.size(); i++) {
        SpeedUp s = best.get(kinds.get(i));
        if (s != null) {
          points.add(ChartData.Point.of(kinds.get(i), i, s.value(), s.error()));
        }
      }
      if (!points.isEmpty()) {
        series.add(new ChartData.Series(backend + " threads", false, points));
      }
    });
    if (series.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new ChartData("cpu-vs-io", "CPU-bound vs IO-bound: best speed-up by backend",
        ChartKind.BAR, "workload", "best speed-up (serial / parallel)", series));
  }

  private static Optional<ChartData> latency(Map<String, Histogram> latencies) {
    List<ChartData.Series> series = new ArrayList<>();
    latencies.forEach((name, h) -> {
      List<ChartData.Point> points = new ArrayList<>();
      for (double p : PERCENTILES) {
        // rounded: 100 / (100 - 99.99) is 9999.99999999488 in binary floating point
        double x = Math.round(100_000 / (100 - p)) / 1000.0;
        if (x > h.getTotalCount()) {
          break; // beyond what this many values can resolve
        }
        points.add(ChartData.Point.of(x, h.getValueAtPercentile(p) / 1000.0, Double.NaN));
      }
      series.add(new ChartData.Series(name, false, points));
    });
    if (series.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new ChartData("latency", "Latency by percentile", ChartKind.PERCENTILE,
        "percentile (1 / (1 - p), log scale)", "latency (µs, log scale)", series));
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
   * Bars by paced input (categories in interval order): one series per JMH implementation, one per
   * Python implementation ({@code Python PY_...}), and an optional reference series drawn last.
   */
  private static Optional<ChartData> streamingBars(List<Streaming.Row> rows, String id, String title,
      String yLabel, ToDoubleFunction<Streaming.Row> java, ToDoubleFunction<Streaming.Row> python,
      ToDoubleFunction<Streaming.Row> reference) {
    List<String> categories = new ArrayList<>();
    rows.forEach(r -> {
      String c = "every " + Streaming.interval(r.intervalMicros());
      if (!categories.contains(c)) {
        categories.add(c);
      }
    });
    Map<String, List<ChartData.Point>> series = new LinkedHashMap<>();
    Map<String, ChartData.Point> target = new LinkedHashMap<>();
    for (Streaming.Row r : rows) {
      String c = "every " + Streaming.interval(r.intervalMicros());
      int index = categories.indexOf(c);
      String name = r.impl() + (r.impl().startsWith("POOL_") ? " w=" + r.workers() : "");
      addPoint(series, name, c, index, java.applyAsDouble(r));
      addPoint(series, "Python PY_" + name, c, index, python.applyAsDouble(r));
      double ref = reference.applyAsDouble(r);
      if (Double.isFinite(ref)) {
        target.putIfAbsent(c, ChartData.Point.of(c, index, ref, Double.NaN));
      }
    }
    List<ChartData.Series> out = new ArrayList<>();
    series.forEach((name, points) -> {
      if (!points.isEmpty()) {
        out.add(new ChartData.Series(name, false, points));
      }
    });
    if (out.isEmpty()) {
      return Optional.empty();
    }
    if (!target.isEmpty()) {
      out.add(new ChartData.Series("target (interval + task)", false, List.copyOf(target.values())));
    }
    return Optional.of(new ChartData(id, title, ChartKind.BAR, "paced input", yLabel, out, categories));
  }

  private static void addPoint(Map<String, List<ChartData.Point>> series, String name, String category,
      int index, double y) {
    List<ChartData.Point> points = series.computeIfAbsent(name, k -> new ArrayList<>());
    if (Double.isFinite(y)) {
      points.add(ChartData.Point.of(category, index, y, Double.NaN));
    }
  }

  /** File-name-safe ids from job names, unique within one page. */
  private static final class Slugs {
    private final Set<String> used = new HashSet<>();

    String of(String job) {
      String base = job.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
      if (base.isEmpty()) {
        base = "job";
      }
      String slug = base;
      for (int i = 2; !used.add(slug); i++) {
        slug = base + "-" + i;
      }
      return slug;
    }
  }
}
