package io.poollab.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/**
 * The tables of a run's page, built from the model with fixed formatting ({@link Locale#ROOT}).
 *
 * <pre>{@code
 * Table results = Tables.results(run);
 * }</pre>
 */
public final class Tables {

  private Tables() {}

  /**
   * Every JMH result: the median of its forks' medians with their range, the forks and
   * iterations behind it, outlying iterations, and what the garbage collector cost.
   *
   * @param run the run
   * @return the results table
   */
  public static Table results(RunResults run) {
    List<List<String>> rows = new ArrayList<>();
    for (BenchmarkResult r : run.results()) {
      ForkStats f = ForkStats.of(run.rounds().keptForks(r.configKey()));
      rows.add(List.of(r.shortName(), params(r.params()), num(f.median(), 3),
          f.forks() == 0 ? "-" : num(f.lowest(), 3) + " .. " + num(f.highest(), 3), r.unit(),
          Integer.toString(f.forks()), f.iterations() == 0 ? "-" : f.outliers() + "/" + f.iterations(),
          Double.isFinite(f.gcShare())
              ? num(f.gcShare() * f.median(), 3) + " (" + num(100 * f.gcShare(), 1) + "%)" : noGc(f),
          Double.isFinite(f.allocBytesPerOp()) ? num(f.allocBytesPerOp() / (1024 * 1024), 1) + " MB" : noGc(f)));
    }
    return new Table("results", "Every result (median over forks of each fork's median iteration)",
        List.of("benchmark", "params", "median", "forks' range", "unit", "forks", "outliers",
            "GC time per op (share)", "allocated/op"), rows);
  }

  /** A missing GC figure: paired forks' collector also cleaned up after their serial partner. */
  private static String noGc(ForkStats f) {
    return f.forks() > 0 && f.pairedForks() == f.forks() ? "- (paired with serial)" : "-";
  }

  /**
   * Every speed-up (JMH, then Python): the median over rounds with its 95% interval, efficiency,
   * the rounds behind it and its flags. A figure on member processes names their count beside its
   * backend: {@code CLUSTER (2 member processes)}.
   *
   * @param run the run
   * @return the speed-up table
   */
  public static Table speedUps(RunResults run) {
    List<List<String>> rows = new ArrayList<>();
    // grouped as a reader looks for them: job by job, the lab's rows before Python's
    // threads before member processes (the backends in BackendComparison's order), fewer first
    List<SpeedUp> ordered = run.speedUps().stream().sorted(java.util.Comparator
        .comparing(SpeedUp::python)
        .thenComparing(SpeedUp::job)
        .thenComparing(SpeedUp::impl)
        .thenComparingInt(s -> backendRank(s.backend()))
        .thenComparing(SpeedUp::backend)
        .thenComparingInt(SpeedUp::members)
        .thenComparingInt(SpeedUp::workers)
        .thenComparing(SpeedUp::chunksize)).toList();
    for (SpeedUp s : ordered) {
      rows.add(List.of(s.python() ? "Python: " + s.job() : s.job(), s.impl(),
          s.members() > 0 ? s.backend() + " (" + ChartLabels.backend(s.backend(), s.members()) + ")" : s.backend(),
          Integer.toString(s.workers()), s.chunksize().isEmpty() ? "-" : s.chunksize(),
          suffix(num(s.value(), 2), "x"), interval(s.low(), s.high(), 2),
          s.hasWorkerCount() ? suffix(num(100 * s.efficiency(), 0), "%") : "-",
          s.python() ? pythonRuns(run, s) : s.quality().data(),
          s.quality().describe()));
    }
    return new Table("speedups", "Speed-up over the serial baseline (serial time / parallel time,"
            + " paired round by round; median over rounds, 95% bootstrap interval)",
        List.of("job", "impl", "backend", "workers", "chunksize", "speed-up", "95% interval",
            "efficiency", "data", "flags"),
        rows);
  }

  /**
   * Threads or processes: each job and configuration measured on two or more of the lab's backends
   * ({@link BackendComparison}), one row per backend, Python's pool of the same task beside them:
   * the speed-up over the serial loop of its own language, the wall time of one whole job, and
   * that time against Python's pool in the same run (same task, workers and chunksize; for the word
   * job only when Python hashed the same list), round by round when Python ran between the rounds
   * ({@link PythonRatio}).
   *
   * @param run the run
   * @return the table (no rows when no configuration ran on two backends)
   */
  public static Table backends(RunResults run) {
    List<List<String>> rows = new ArrayList<>();
    for (BackendComparison c : BackendComparison.of(run)) {
      Optional<PythonResult> python = c.byBackend().values().stream().filter(SpeedUp::python)
          .map(p -> BackendComparison.pythonResult(run, p)).flatMap(Optional::stream).findFirst();
      c.byBackend().forEach((backend, s) -> {
        Optional<Double> seconds = BackendComparison.seconds(run, s);
        String vsPython = s.python() || python.isEmpty() ? "-"
            : PythonRatio.of(run, s, python.get()).map(r -> num(r.value(), 2) + "x").orElse("-");
        rows.add(List.of(c.label(), c.backendName(backend), suffix(num(s.value(), 2), "x"),
            interval(s.low(), s.high(), 2), seconds.map(x -> num(1000 * x, 1)).orElse("-"), vsPython,
            s.quality().describe()));
      });
    }
    return new Table("backends", "Threads or processes: the same job and configuration on each backend"
            + " (speed-up over the serial loop of its own language, paired as every figure; the median"
            + " wall time of one whole job; Python's pool time over it, measured in the same run: round by"
            + " round, the median of the rounds' ratios, when Python ran between the rounds)",
        List.of("job: configuration", "backend", "speed-up", "95% interval", "time per job (ms)",
            "as fast as Python's pool", "flags"),
        rows);
  }

  /**
   * The cost of one task through the pool on each backend: the {@code apply_async} round trip on
   * an idle pool (a trivial task submitted, its result awaited) from the round-trip benchmark's
   * latency logs, on threads and then through member processes, whose p50 is set against the
   * threads' p50 at the same worker count. Empty unless the run measured the round trip through member processes
   * ({@code impl=CLUSTER_APPLY_ASYNC}).
   *
   * @param run the run
   * @return the table (no rows without a round trip through member processes)
   */
  public static Table taskCost(RunResults run) {
    Map<String, Histogram> trips = new TreeMap<>();
    run.latencies().forEach((name, h) -> {
      if (name.startsWith("RoundTripLatencyBenchmark.") && h.getTotalCount() > 0) {
        trips.put(name, h);
      }
    });
    List<List<String>> rows = new ArrayList<>();
    if (trips.keySet().stream().anyMatch(Tables::throughProcesses)) {
      // the threads' round trips first, then each through member processes against the threads'
      List<Map.Entry<String, Histogram>> ordered = new ArrayList<>(trips.entrySet());
      ordered.sort(java.util.Comparator.comparing(e -> throughProcesses(e.getKey())));
      for (Map.Entry<String, Histogram> e : ordered) {
        Histogram h = e.getValue();
        boolean processes = throughProcesses(e.getKey());
        double threadsP50 = trips.entrySet().stream()
            .filter(t -> !throughProcesses(t.getKey()) && workers(t.getKey()).equals(workers(e.getKey())))
            .mapToDouble(t -> t.getValue().getValueAtPercentile(50)).findFirst().orElse(Double.NaN);
        double p50 = h.getValueAtPercentile(50);
        long needed99 = RobustStats.samplesNeeded(99);
        rows.add(List.of(processes ? "member processes (cluster)" : "platform threads",
            ChartLabels.latency(e.getKey()).legend(), Long.toString(h.getTotalCount()), num(p50 / 1000.0, 1),
            h.getTotalCount() >= needed99 ? num(h.getValueAtPercentile(99) / 1000.0, 1)
                : "n/a (" + h.getTotalCount() + " < " + needed99 + ")",
            processes && Double.isFinite(threadsP50) && threadsP50 > 0 ? num(p50 / threadsP50, 1) + "x" : "-"));
      }
    }
    return new Table("task-cost", "Cost of one task through the pool: the apply_async round trip on an"
            + " idle pool (a trivial task submitted, its result awaited), on threads and through member"
            + " processes",
        List.of("where the task runs", "configuration", "round trips", "p50 (µs)", "p99 (µs)",
            "p50 / threads' p50"),
        rows);
  }

  /** Whether a round-trip log measured the trip through member processes. */
  private static boolean throughProcesses(String logName) {
    return logName.contains("impl=CLUSTER_");
  }

  /** The {@code workers=N} part of a latency log's name, or {@code ""}. */
  private static String workers(String logName) {
    for (String part : logName.split("-")) {
      if (part.startsWith("workers=")) {
        return part;
      }
    }
    return "";
  }

  /** A backend's place in {@link BackendComparison#BACKENDS}; others after them. */
  private static int backendRank(String backend) {
    int i = BackendComparison.BACKENDS.indexOf(backend);
    return i < 0 ? BackendComparison.BACKENDS.size() : i;
  }

  /** {@code [1.85, 1.97]}, or {@code n/a} when unknown. */
  static String interval(double low, double high, int decimals) {
    return Double.isFinite(low) && Double.isFinite(high) ? "[" + num(low, decimals) + ", " + num(high, decimals) + "]" : "n/a";
  }

  /**
   * Python's reference results, when present.
   *
   * @param run the run
   * @return the Python table (no rows when the run has none)
   */
  public static Table python(RunResults run) {
    List<List<String>> rows = new ArrayList<>();
    run.python().ifPresent(p -> p.results().forEach(r -> rows.add(List.of(r.impl(), r.workload(),
        Integer.toString(r.workers()), r.chunksize(), num(r.medianSeconds(), 3), runs(r)))));
    String title = run.python().map(p -> "Python " + p.python() + " reference (" + p.cores() + " cores)")
        .orElse("Python reference");
    return new Table("python", title,
        List.of("impl", "workload", "workers", "chunksize", "median (s)", "runs"), rows);
  }

  /**
   * How many times Python ran a configuration, and the spread only when there is one: {@code 1
   * run}, {@code median of 3, range 1.000–1.471 s}. Python gives no interval, and one run has no
   * spread to show, so none is made up.
   */
  static String runs(PythonResult r) {
    int n = r.samplesSeconds().size();
    if (n < 2) {
      return n + (n == 1 ? " run" : " runs");
    }
    double min = r.samplesSeconds().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    double max = r.samplesSeconds().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    return "median of " + n + ", range " + num(min, 3) + "–" + num(max, 3) + " s";
  }

  /**
   * The runs behind a Python speed-up: {@code 3 runs each}, or {@code serial 3 runs, pool 1 run};
   * its interval (a bootstrap over the runs) needs three a side, else there is none.
   */
  static String pythonRuns(RunResults run, SpeedUp s) {
    int pool = -1;
    int serial = -1;
    for (PythonResult r : run.python().map(PythonResults::results).orElse(List.of())) {
      if (!r.workload().equals(s.job())) {
        continue;
      }
      if (r.isSerial() && serial < 0) {
        serial = r.samplesSeconds().size();
      } else if (r.impl().equals(s.impl()) && r.workers() == s.workers() && r.chunksize().equals(s.chunksize())
          && pool < 0) {
        pool = r.samplesSeconds().size();
      }
    }
    if (pool < 0 || serial < 0) {
      return "-";
    }
    return pool == serial ? pool + (pool == 1 ? " run each" : " runs each")
        : "serial " + serial + (serial == 1 ? " run" : " runs") + ", pool " + pool + (pool == 1 ? " run" : " runs");
  }

  /**
   * Latency percentiles of each histogram, in microseconds.
   *
   * @param run the run
   * @return the latency table
   */
  public static Table latencies(RunResults run) {
    List<List<String>> rows = new ArrayList<>();
    for (Map.Entry<String, Histogram> e : run.latencies().entrySet()) {
      Histogram h = e.getValue();
      List<String> row = new ArrayList<>();
      row.add(e.getKey());
      row.add(Long.toString(h.getTotalCount()));
      for (double p : new double[] {50, 90, 99, 99.9}) {
        row.add(num(h.getValueAtPercentile(p) / 1000.0, 1));
      }
      row.add(num(h.getMaxValue() / 1000.0, 1));
      rows.add(row);
    }
    return new Table("latency", "Latency percentiles (µs)",
        List.of("histogram", "count", "p50", "p90", "p99", "p99.9", "max"), rows);
  }

  /**
   * The streaming benchmark over paced inputs (see {@link Streaming}): per input and
   * implementation, the time to the first result against its target, the throughput against the
   * input's rate, and Python's figures over the same paced generator beside them.
   *
   * @param run the run
   * @return the streaming table (no rows when the run measured no paced input)
   */
  public static Table streaming(RunResults run) {
    List<List<String>> rows = new ArrayList<>();
    for (Streaming.Row r : Streaming.rows(run)) {
      double share = r.throughputPerSecond() / r.inputPerSecond();
      rows.add(List.of(
          r.items() + " items every " + Streaming.interval(r.intervalMicros()),
          r.impl(), Integer.toString(r.workers()), r.chunksize(),
          dash(r.firstP50Micros(), 1),
          r.firstResults() == 0 ? "-" : Double.isFinite(r.firstP99Micros()) ? num(r.firstP99Micros(), 1)
              : "n/a (" + r.firstResults() + " < " + Streaming.P99_SAMPLES + ")",
          Long.toString(r.firstResults()),
          num(r.targetMicros(), 1) + (Double.isFinite(r.taskMicros()) ? "" : " (T only: no SERIAL)"),
          r.withinTarget(),
          dash(r.throughputPerSecond(), 0), num(r.inputPerSecond(), 0),
          Double.isFinite(share) ? num(100 * share, 1) + "%" : "-",
          dash(r.pythonFirstMicros(), 1), dash(r.pythonThroughputPerSecond(), 0)));
    }
    return new Table("streaming", "Streaming input: time to the first result (target: one interval"
            + " plus one task, the SERIAL loop's first result; judged on the median) and throughput"
            + " ((items - 1) / stream time: the input's rate when the call keeps up), with Python's"
            + " Pool over the same paced generator",
        List.of("input", "impl", "workers", "chunksize", "first result p50 (µs)", "p99 (µs)",
            "first results", "target T + task (µs)", "within target", "throughput (items/s)",
            "input rate (items/s)", "of input rate", "Python first result p50 (µs)",
            "Python throughput (items/s)"),
        rows);
  }

  /** A number, or {@code -} when it was not measured. */
  private static String dash(double v, int decimals) {
    return Double.isFinite(v) ? num(v, decimals) : "-";
  }

  /**
   * Where and how the run ran.
   *
   * @param run the run
   * @return two columns: field and value
   */
  public static Table metadata(RunResults run) {
    RunMetadata m = run.metadata();
    List<List<String>> rows = List.of(
        List.of("run", run.name()),
        List.of("started at", m.startedAt()),
        List.of("machine class", m.machineClass()),
        List.of("CPU", m.cpuModel()),
        List.of("cores", m.cores() == 0 ? RunMetadata.UNKNOWN : Integer.toString(m.cores())),
        List.of("memory", m.memoryBytes() == 0 ? RunMetadata.UNKNOWN
            : String.format(Locale.ROOT, "%.1f GiB", m.memoryBytes() / (1024.0 * 1024 * 1024))),
        List.of("OS", m.os()),
        List.of("JVM", m.jvm()),
        List.of("JVM flags", m.jvmFlags().isEmpty() ? "(none)" : String.join(" ", m.jvmFlags())),
        List.of("commit", m.commit()),
        List.of("profile", m.profile()),
        List.of("protocol", protocol(run)),
        List.of("dataset", m.dataset().path()),
        List.of("dataset words", m.dataset().words() == 0 ? RunMetadata.UNKNOWN : Words.used(m.dataset())),
        List.of("dataset SHA-256", m.dataset().sha256()));
    return new Table("machine", "Machine and configuration", List.of("field", "value"), rows);
  }

  /**
   * The run's protocol in one line, e.g. {@code 4 interleaved rounds (seed 42); 3 of 52 groups
   * disturbed, re-run; 0 still disturbed}.
   *
   * @param run the run
   * @return the line
   */
  public static String protocol(RunResults run) {
    Rounds r = run.rounds();
    if (!r.recorded()) {
      return r.planned() + (r.planned() == 1 ? " fork" : " forks") + " per configuration"
          + " (no rounds.json: forks paired by position; nothing known about disturbance)";
    }
    long groups = r.forks().stream().filter(f -> f.attempt() == 1).map(f -> f.round() + "." + f.group())
        .distinct().count();
    return r.planned() + " interleaved rounds (seed " + r.seed() + "); " + r.disturbedGroups() + " of "
        + groups + " groups disturbed" + (r.rerunGroups() > 0 ? ", " + r.rerunGroups() + " re-run" : "")
        + "; " + r.stillDisturbed() + " still disturbed";
  }

  static String params(Map<String, String> params) {
    return params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(" "));
  }

  static String num(double v, int decimals) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + decimals + "f", v) : "NaN";
  }

  private static String suffix(String number, String unit) {
    return number.equals("NaN") ? number : number + unit;
  }
}
