package io.poollab.report;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The measurement model of speed-ups, in one place for the report and the regression check:
 * which serial fork each parallel fork is paired with, the paired estimate with its bootstrap
 * interval, and the quality flags (see {@link SpeedUp} for the method).
 *
 * <pre>{@code
 * List<String> problems = new ArrayList<>();
 * List<SpeedUp> speedUps = SpeedUps.compute(run.results(), run.rounds(), run.metadata().cores(), problems);
 * }</pre>
 */
public final class SpeedUps {

  /** An interval wider than this fraction of its estimate (either way) is {@link QualityFlag#NOISY}. */
  public static final double NOISY_ABOVE = 0.10;

  private SpeedUps() {}

  /**
   * The speed-up of each non-serial JMH result that has a serial baseline (see {@link
   * #pairings}); gaps are added to {@code problems}.
   *
   * @param results the run's results
   * @param rounds the run's rounds
   * @param cores the machine's cores (0 when unknown), for the {@link QualityFlag#SUSPECT} flag
   * @param problems where gaps are reported
   * @return the speed-ups, in the order of {@code results}
   */
  public static List<SpeedUp> compute(
      List<BenchmarkResult> results, Rounds rounds, int cores, List<String> problems) {
    return pairings(results, rounds, problems).stream().map(p -> measure(p, cores)).toList();
  }

  /**
   * Each non-serial JMH result paired with its serial baseline, round by round. A result whose job
   * has no serial baseline, or that has no int {@code workers} param, gets none; each such gap is
   * added to {@code problems} once per job.
   *
   * <p>A missing baseline counts as a gap when the run has no {@code SERIAL} result at all, or
   * when the same benchmark method has one for other workload params. A method that never has
   * one while other methods do is a latency-style benchmark (time to first result, per-task
   * latency): it has no speed-up by design and is not a problem.
   *
   * <p>When a job has several serial results (a {@code backend} param on the serial method), the
   * one with the same backend is used, else the first. A parallel fork is paired with the serial
   * fork of its own round, group and attempt; a round without both is left out.
   *
   * @param results the run's results
   * @param rounds the run's rounds
   * @param problems where gaps are reported
   * @return the pairings, in the order of {@code results}
   */
  public static List<SerialPairing> pairings(
      List<BenchmarkResult> results, Rounds rounds, List<String> problems) {
    Map<String, List<BenchmarkResult>> serialByJob = new LinkedHashMap<>();
    for (BenchmarkResult r : results) {
      if (r.isSerial()) {
        serialByJob.computeIfAbsent(key(r), k -> new ArrayList<>()).add(r);
      }
    }
    TreeSet<String> noBaseline = new TreeSet<>();
    TreeSet<String> noWorkers = new TreeSet<>();
    List<SerialPairing> out = new ArrayList<>();
    for (BenchmarkResult r : results) {
      if (r.isSerial()) {
        continue;
      }
      List<BenchmarkResult> serials = serialByJob.getOrDefault(key(r), List.of());
      if (serials.isEmpty()) {
        noBaseline.add(r.job());
        continue;
      }
      OptionalInt workers = r.workers();
      if (workers.isEmpty() || workers.getAsInt() < 1) {
        noWorkers.add(r.job());
        continue;
      }
      BenchmarkResult serial =
          serials.stream()
              .filter(s -> s.params().containsKey(BenchmarkResult.BACKEND))
              .filter(s -> s.backend().equals(r.backend()))
              .findFirst()
              .orElse(serials.get(0));
      out.add(new SerialPairing(serial, r, workers.getAsInt(), pairs(serial, r, rounds)));
    }
    Set<String> methodsWithSerial = new HashSet<>();
    results.stream().filter(BenchmarkResult::isSerial).forEach(r -> methodsWithSerial.add(r.benchmark()));
    Set<String> gaps = new TreeSet<>();
    results.stream().filter(r -> noBaseline.contains(r.job()))
        .filter(r -> methodsWithSerial.isEmpty() || methodsWithSerial.contains(r.benchmark()))
        .forEach(r -> gaps.add(r.job()));
    for (String job : gaps) {
      problems.add(
          "jmh.json: no SERIAL baseline for " + job
              + " in this run, so its results have no speed-up");
    }
    for (String job : noWorkers) {
      problems.add(
          "jmh.json: results of " + job
              + " have no int 'workers' param, so they have no speed-up");
    }
    return List.copyOf(out);
  }

  /** The parallel result's kept forks, each with the serial fork of its group. */
  private static List<RoundPair> pairs(BenchmarkResult serial, BenchmarkResult parallel, Rounds rounds) {
    Map<String, ForkData> serialByGroup = new LinkedHashMap<>();
    for (ForkData f : rounds.keptForks(serial.configKey())) {
      serialByGroup.putIfAbsent(f.round() + "." + f.group() + "." + f.attempt(), f);
    }
    List<RoundPair> out = new ArrayList<>();
    for (ForkData p : rounds.keptForks(parallel.configKey())) {
      ForkData s = serialByGroup.get(p.round() + "." + p.group() + "." + p.attempt());
      if (s != null) {
        out.add(new RoundPair(p.round(), s, p));
      }
    }
    return out;
  }

  /**
   * The paired speed-up of one pairing: the median over rounds of the per-round ratios, its 95%
   * bootstrap interval, and its quality. Rounds the canary judged disturbed are left out when at
   * least two clean rounds remain, else kept and flagged.
   *
   * @param p the pairing
   * @param cores the machine's cores (0 when unknown)
   * @return the speed-up; NaN when no round has two usable forks
   */
  public static SpeedUp measure(SerialPairing p, int cores) {
    BenchmarkResult r = p.parallel();
    List<RoundPair> usable = p.pairs().stream().filter(RoundPair::usable).toList();
    List<RoundPair> clean = usable.stream().filter(x -> !x.disturbed()).toList();
    List<RoundPair> use = clean.size() >= 2 ? clean : usable;
    if (use.isEmpty()) {
      return new SpeedUp(r.job(), r.impl(), r.backend(), p.workers(), r.chunksize(), r.params(),
          SpeedUp.unmeasured(), false, Quality.UNKNOWN);
    }
    boolean throughput = r.throughput();
    Bootstrap.Estimate estimate = Bootstrap.medianOverRounds(
        use.stream().map(x -> x.ratio(throughput)).toList(), Bootstrap.seedOf(r.configKey()));
    Set<QualityFlag> flags = EnumSet.noneOf(QualityFlag.class);
    if (use.size() == 1) {
      flags.add(QualityFlag.ONE_ROUND);
    }
    if (use.size() > 1 && estimate.relativeHalfWidth() > NOISY_ABOVE) {
      flags.add(QualityFlag.NOISY);
    }
    // one virtual thread per task has no worker count to exceed
    boolean beyondWorkers = !SpeedUp.perTask(r.impl()) && estimate.low() > p.workers();
    boolean beyondCores = cores > 0 && cpuBound(r) && estimate.low() > cores;
    if (beyondWorkers || beyondCores) {
      flags.add(QualityFlag.SUSPECT);
    }
    if (!throughput && (slowStarts(use.stream().map(x -> x.parallel().iterations()).toList())
        || slowStarts(serialSides(use).values().stream().toList()))) {
      flags.add(QualityFlag.NOT_WARMED_UP);
    }
    if (use.stream().anyMatch(RoundPair::disturbed)) {
      flags.add(QualityFlag.DISTURBED);
    }
    int outliers = 0;
    int iterations = 0;
    List<double[]> measured = new ArrayList<>(serialSides(use).values());
    use.forEach(x -> measured.add(x.parallel().iterations()));
    for (double[] its : measured) {
      outliers += RobustStats.outliers(its).count();
      iterations += its.length;
    }
    Quality quality = new Quality(use.size(), usable.size() - use.size(), outliers, iterations, flags);
    return new SpeedUp(r.job(), r.impl(), r.backend(), p.workers(), r.chunksize(), r.params(),
        estimate, false, quality);
  }

  /**
   * The serial times the rounds use, once each: a paired fork's own serial partner, or a SERIAL
   * fork (which several parallel forks of a group share), keyed by the fork that holds them.
   */
  private static Map<Integer, double[]> serialSides(List<RoundPair> rounds) {
    Map<Integer, double[]> out = new LinkedHashMap<>();
    for (RoundPair x : rounds) {
      int holder = x.parallel().paired() ? x.parallel().id() : x.serial().id();
      out.putIfAbsent(holder, x.serialTimes());
    }
    return out;
  }

  /** Whether most of these forks (their measured iterations) ran their first iteration slower than the rest. */
  static boolean slowStarts(List<double[]> forks) {
    long checked = forks.stream().filter(its -> its.length >= 4).count();
    long slow = forks.stream().filter(its -> its.length >= 4).filter(RobustStats::slowStart).count();
    return checked > 0 && 2 * slow > checked;
  }

  /**
   * Whether a job keeps every worker on a CPU (so its speed-up cannot beat the cores): the word
   * job and the CPU task; sleeps and network calls can.
   */
  static boolean cpuBound(BenchmarkResult r) {
    String task = r.params().getOrDefault("task", "");
    return task.equalsIgnoreCase("CPU") || r.benchmark().toLowerCase(Locale.ROOT).contains("word");
  }

  /**
   * The speed-up of each Python pool result against {@code PY_SERIAL} on the same workload; a
   * workload without a serial result is added to {@code problems}.
   *
   * @param python Python's results, when present
   * @param problems where gaps are reported
   * @return the speed-ups, in file order
   */
  public static List<SpeedUp> python(Optional<PythonResults> python, List<String> problems) {
    if (python.isEmpty()) {
      return List.of();
    }
    Map<String, PythonResult> serial = new LinkedHashMap<>();
    for (PythonResult r : python.get().results()) {
      if (r.isSerial()) {
        serial.putIfAbsent(r.workload(), r);
      }
    }
    TreeSet<String> missing = new TreeSet<>();
    List<SpeedUp> out = new ArrayList<>();
    for (PythonResult r : python.get().results()) {
      if (r.isSerial()) {
        continue;
      }
      PythonResult s = serial.get(r.workload());
      if (s == null) {
        missing.add(r.workload());
        continue;
      }
      out.add(python(s, r));
    }
    for (String w : missing) {
      problems.add(
          "python.json: no PY_SERIAL result for workload '" + w
              + "', so its Python results have no speed-up");
    }
    return List.copyOf(out);
  }

  /**
   * A Python pool result over Python's serial loop: median over median; with three or more runs a
   * side, an interval from resampling the runs; with fewer, no interval (flagged as one round).
   */
  static SpeedUp python(PythonResult serial, PythonResult parallel) {
    double ratio = serial.medianSeconds() / parallel.medianSeconds();
    double[] s = serial.samplesSeconds().stream().mapToDouble(Double::doubleValue).filter(v -> v > 0).toArray();
    double[] p = parallel.samplesSeconds().stream().mapToDouble(Double::doubleValue).filter(v -> v > 0).toArray();
    Bootstrap.Estimate estimate;
    Set<QualityFlag> flags = EnumSet.noneOf(QualityFlag.class);
    if (s.length >= 3 && p.length >= 3) {
      Bootstrap.Estimate b = Bootstrap.medianOverRounds(List.of(new Bootstrap.Ratio(s, p)),
          Bootstrap.seedOf(parallel.impl() + parallel.workload() + parallel.workers() + parallel.chunksize()));
      estimate = new Bootstrap.Estimate(ratio, b.low(), b.high(), b.level(), new double[] {ratio}, b.replicates());
      if (estimate.relativeHalfWidth() > NOISY_ABOVE) {
        flags.add(QualityFlag.NOISY);
      }
    } else {
      estimate = new Bootstrap.Estimate(ratio, Double.NaN, Double.NaN, Bootstrap.DEFAULT_LEVEL,
          new double[] {ratio}, new double[0]);
      flags.add(QualityFlag.ONE_ROUND);
    }
    String backend = parallel.impl().contains("THREAD") ? "THREAD" : "PROCESS";
    return new SpeedUp(parallel.workload(), parallel.impl(), backend, parallel.workers(),
        parallel.chunksize(), new TreeMap<>(), estimate, true, new Quality(1, 0, 0, 0, flags));
  }

  private static String key(BenchmarkResult r) {
    return r.benchmark() + '\u0000' + r.mode() + '\u0000' + r.workloadParams();
  }
}
