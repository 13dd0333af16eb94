package io.poollab.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One job and configuration measured on several backends: "threads, worker processes, or Python
 * processes?" answered like with like. A comparison holds the speed-ups of the same method, worker
 * count and chunksize of one job on platform threads, virtual threads and member processes
 * ({@code CLUSTER}), each paired with the same job's serial loop as every figure is, and, where
 * Python's reference ran the same task at the same cost ({@link Charts#pythonMatches}), Python's
 * {@code Pool} (processes) or {@code ThreadPool} (threads) of that worker count and chunksize,
 * against Python's own serial loop. Only configurations that ran on at least two of the lab's
 * backends make one: Python joins them, never stands in for one.
 *
 * <p>When the run has figures of one configuration on several member counts (the same 100
 * workers on 1 and on 2 processes), each member count makes its own comparison with the threads'
 * figures beside it.
 *
 * <pre>{@code
 * for (BackendComparison c : BackendComparison.of(run)) {
 *   System.out.println(c.label() + ": " + c.byBackend().keySet());   // [PLATFORM, CLUSTER, PROCESS]
 * }
 * }</pre>
 *
 * @param job the lab's job ({@link BenchmarkResult#job()})
 * @param label the job and configuration in words, e.g. {@code sleep tasks of 5 ms: map, 100
 *     workers, chunksize default}
 * @param byBackend the figures by backend, in {@link #BACKENDS} order
 */
public record BackendComparison(String job, String label, Map<String, SpeedUp> byBackend) {

  /**
   * The backends, in the order they are shown: the lab's threads, its member processes, then
   * Python's processes and threads.
   */
  public static final List<String> BACKENDS = List.of("PLATFORM", "VIRTUAL", "CLUSTER", "PROCESS", "THREAD");

  /** Checks and copies (in {@link #BACKENDS} order). */
  public BackendComparison {
    Map<String, SpeedUp> ordered = new LinkedHashMap<>();
    for (String b : BACKENDS) {
      if (byBackend.containsKey(b)) {
        ordered.put(b, byBackend.get(b));
      }
    }
    byBackend = Collections.unmodifiableMap(ordered);
  }

  /**
   * The comparison's name among others: its label, with the member processes' count when it has
   * them, so that one configuration on several member counts makes several categories.
   *
   * @return e.g. {@code sleep tasks of 5 ms: map, 100 workers, chunksize default (2 member processes)}
   */
  public String category() {
    SpeedUp processes = byBackend.get(BenchmarkResult.CLUSTER);
    return processes == null ? label
        : label + " (" + ChartLabels.backend(processes.backend(), processes.members()) + ")";
  }

  /**
   * One of this comparison's backends in words, with the member processes' count.
   *
   * @param backend one of {@link #byBackend()}'s keys
   * @return e.g. {@code 2 member processes (cluster)}, {@code platform threads}
   */
  public String backendName(String backend) {
    SpeedUp s = byBackend.get(backend);
    return BenchmarkResult.CLUSTER.equals(backend) && s != null && s.members() > 0
        ? ChartLabels.backend(backend, s.members()) + " (cluster)" : name(backend);
  }

  /**
   * The comparisons of a run, job by job in the run's order, then by worker count.
   *
   * @param run the run
   * @return the comparisons; empty when no configuration ran on two of the lab's backends
   */
  public static List<BackendComparison> of(RunResults run) {
    // the lab's figures by job, method, workers and chunksize; member counts kept apart
    Map<String, List<SpeedUp>> byConfig = new LinkedHashMap<>();
    for (SpeedUp s : run.speedUps()) {
      if (s.python() || !s.isFinite() || Streaming.isPaced(s.params()) || !BACKENDS.contains(s.backend())
          || SpeedUp.perTask(s.impl())) {
        continue;
      }
      byConfig.computeIfAbsent(s.job() + '\u0000' + s.impl() + '\u0000' + s.workers() + '\u0000' + s.chunksize(),
          k -> new ArrayList<>()).add(s);
    }
    List<BackendComparison> out = new ArrayList<>();
    for (List<SpeedUp> figures : byConfig.values()) {
      List<SpeedUp> threads = figures.stream().filter(s -> !BenchmarkResult.CLUSTER.equals(s.backend())).toList();
      List<SpeedUp> processes = figures.stream().filter(s -> BenchmarkResult.CLUSTER.equals(s.backend()))
          .sorted(Comparator.comparingInt(SpeedUp::members)).toList();
      if (processes.isEmpty()) {
        comparison(run, threads, Optional.empty()).ifPresent(out::add);
      }
      processes.forEach(p -> comparison(run, threads, Optional.of(p)).ifPresent(out::add));
    }
    List<String> jobs = Charts.jobs(run);
    out.sort(Comparator.comparingInt((BackendComparison c) -> jobs.indexOf(c.job()))
        .thenComparingInt(c -> c.byBackend().values().iterator().next().workers()));
    return List.copyOf(out);
  }

  /** The threads' figures of one configuration with one member count's, when two backends or more. */
  private static Optional<BackendComparison> comparison(RunResults run, List<SpeedUp> threads,
      Optional<SpeedUp> processes) {
    Map<String, SpeedUp> byBackend = new LinkedHashMap<>();
    threads.forEach(s -> byBackend.putIfAbsent(s.backend(), s));
    processes.ifPresent(p -> byBackend.put(p.backend(), p));
    if (byBackend.size() < 2) {
      return Optional.empty();
    }
    SpeedUp first = byBackend.values().iterator().next();
    python(run, first).forEach(p -> byBackend.putIfAbsent(p.backend(), p));
    String label = ChartLabels.job(first.job(), first.params()) + ": "
        + ChartLabels.config(first.impl(), first.backend(), first.workers(), first.chunksize(), false);
    return Optional.of(new BackendComparison(first.job(), label, byBackend));
  }

  /**
   * Python's figures of the same task and cost, method, worker count and chunksize: {@code
   * Pool(n).map} or {@code imap_unordered} beside the pool's {@code map} or {@code imap_unordered},
   * {@code ThreadPool(n).map} beside its {@code map}.
   */
  private static List<SpeedUp> python(RunResults run, SpeedUp java) {
    return run.speedUps().stream()
        .filter(p -> p.python() && p.isFinite() && p.workers() == java.workers()
            && p.chunksize().equals(java.chunksize())
            && p.impl().replace("PY_THREADPOOL_", "PY_POOL_").equals("PY_" + java.impl())
            && Charts.pythonMatches(p.job(), java.job(), java.params()))
        .toList();
  }

  /**
   * The median time of one whole job of a figure's configuration, in seconds: the lab's over its
   * kept forks, Python's over its runs.
   *
   * @param run the run
   * @param s a figure of this comparison
   * @return the seconds; empty when the run does not say (no forks, not a time)
   */
  public static Optional<Double> seconds(RunResults run, SpeedUp s) {
    if (s.python()) {
      return pythonResult(run, s).map(PythonResult::medianSeconds);
    }
    for (BenchmarkResult r : run.results()) {
      if (r.job().equals(s.job()) && r.params().equals(s.params())) {
        double ms = ForkStats.of(run.rounds().keptForks(r.configKey())).median() * ForkStats.millisPerUnit(r.unit());
        return Double.isFinite(ms) && ms > 0 ? Optional.of(ms / 1000) : Optional.empty();
      }
    }
    return Optional.empty();
  }

  /**
   * Python's result behind one of Python's figures, when its times compare with the lab's: for the
   * word job only when Python hashed the same list.
   *
   * @param run the run
   * @param s one of Python's figures ({@link SpeedUp#python()})
   * @return the result, or empty
   */
  public static Optional<PythonResult> pythonResult(RunResults run, SpeedUp s) {
    if (!s.python() || s.job().equals("words") && !run.python().map(PythonResults::dataset)
        .equals(Optional.of(run.metadata().dataset().path()))) {
      return Optional.empty();
    }
    return run.python().flatMap(py -> py.results().stream()
        .filter(r -> r.impl().equals(s.impl()) && r.workload().equals(s.job()) && r.workers() == s.workers()
            && r.chunksize().equals(s.chunksize()) && r.medianSeconds() > 0)
        .findFirst());
  }

  /**
   * The series name of a backend in the chart and the column name in the table.
   *
   * @param backend one of {@link #BACKENDS}
   * @return e.g. {@code member processes (cluster)}, {@code Python processes (Pool)}
   */
  public static String name(String backend) {
    return switch (backend) {
      case "CLUSTER" -> "member processes (cluster)";
      case "PROCESS" -> "Python processes (Pool)";
      case "THREAD" -> "Python threads (ThreadPool)";
      default -> ChartLabels.backend(backend).toLowerCase(Locale.ROOT);
    };
  }
}
