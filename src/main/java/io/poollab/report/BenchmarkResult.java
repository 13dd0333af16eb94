package io.poollab.report;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One JMH result: a benchmark method under one set of params, with its score and error.
 *
 * <p>The naming contract of {@code io.poollab.bench} gives some params a meaning: {@code impl}
 * (the implementation; {@code SERIAL} is the baseline), {@code workers}, {@code chunksize} and
 * {@code backend}, and {@code members} (the member processes of a {@code CLUSTER} backend). Every
 * other param describes the workload ({@link #workloadParams()}).
 *
 * <pre>{@code
 * BenchmarkResult r = run.results().get(0);
 * System.out.printf("%s %s: %.3f ± %.3f %s%n", r.method(), r.params(), r.score(), r.error(), r.unit());
 * }</pre>
 *
 * @param benchmark the fully qualified benchmark, class and method ({@code a.b.HashBench.map})
 * @param mode JMH's mode ({@code avgt}, {@code ss}, {@code thrpt}, {@code sample})
 * @param params the benchmark's params, sorted by name
 * @param score the primary metric's score (may be {@code NaN} when JMH could not measure)
 * @param error the half-width of JMH's 99.9% confidence interval ({@code NaN} with one sample)
 * @param unit the score's unit, e.g. {@code ms/op}
 * @param samples the raw measurement iterations, all forks in order
 * @param forkSizes how many of the samples each fork measured, in order (they add up to the
 *     number of samples)
 * @param measurementMillis the length of one measurement iteration (NaN when unknown)
 */
public record BenchmarkResult(
    String benchmark,
    String mode,
    SortedMap<String, String> params,
    double score,
    double error,
    String unit,
    List<Double> samples,
    List<Integer> forkSizes,
    double measurementMillis) {

  /** The param naming the implementation under test. */
  public static final String IMPL = "impl";

  /** The param naming the worker count. */
  public static final String WORKERS = "workers";

  /** The param naming the chunksize ({@code default} or an int). */
  public static final String CHUNKSIZE = "chunksize";

  /** The param naming the pool backend ({@code PLATFORM}, {@code VIRTUAL} or {@code CLUSTER}). */
  public static final String BACKEND = "backend";

  /** The param naming the member processes of a {@code CLUSTER} backend (0: one per worker). */
  public static final String MEMBERS = "members";

  /** The {@code backend} value of a pool whose workers are member processes. */
  public static final String CLUSTER = "CLUSTER";

  /** The {@code impl} value of the serial baseline. */
  public static final String SERIAL = "SERIAL";

  /** Checks the fields and freezes the collections. */
  public BenchmarkResult {
    Objects.requireNonNull(benchmark, "benchmark");
    if (benchmark.isBlank()) {
      throw new IllegalArgumentException("benchmark must not be blank");
    }
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(unit, "unit");
    params = Collections.unmodifiableSortedMap(new TreeMap<>(params));
    samples = List.copyOf(samples);
    forkSizes = List.copyOf(forkSizes);
    if (forkSizes.stream().mapToInt(Integer::intValue).sum() != samples.size()
        || forkSizes.stream().anyMatch(n -> n < 0)) {
      throw new IllegalArgumentException("forkSizes " + forkSizes + " must add up to the "
          + samples.size() + " samples");
    }
  }

  /**
   * A result whose samples all come from one fork, iteration length unknown.
   *
   * @param benchmark the benchmark
   * @param mode JMH's mode
   * @param params the params
   * @param score the score
   * @param error the score's error
   * @param unit the unit
   * @param samples the samples of its one fork
   */
  public BenchmarkResult(String benchmark, String mode, SortedMap<String, String> params, double score,
      double error, String unit, List<Double> samples) {
    this(benchmark, mode, params, score, error, unit, samples,
        samples.isEmpty() ? List.of() : List.of(samples.size()), Double.NaN);
  }

  /**
   * The key of a configuration: the benchmark and its params, the same for a result and its forks.
   *
   * @param benchmark the benchmark
   * @param params its params
   * @return e.g. {@code a.b.WordJobBenchmark.hashAll {chunksize=default, impl=POOL_MAP, ...}}
   */
  public static String configKey(String benchmark, java.util.Map<String, String> params) {
    return benchmark + " " + new TreeMap<>(params);
  }

  /** This result's {@link #configKey(String, java.util.Map)}. */
  public String configKey() {
    return configKey(benchmark, params);
  }

  /** Whether the score is a throughput (bigger is faster) rather than a time per operation. */
  public boolean throughput() {
    return mode.equals("thrpt") || unit.startsWith("ops/");
  }

  /**
   * The benchmark's method name: the part after the last dot.
   *
   * @return e.g. {@code map} for {@code io.poollab.bench.HashBench.map}
   */
  public String method() {
    int dot = benchmark.lastIndexOf('.');
    return dot < 0 ? benchmark : benchmark.substring(dot + 1);
  }

  /**
   * The benchmark's simple class name and method, e.g. {@code HashBench.map}.
   *
   * @return the short name shown in tables and chart titles
   */
  public String shortName() {
    int dot = benchmark.lastIndexOf('.');
    if (dot < 0) {
      return benchmark;
    }
    int classDot = benchmark.lastIndexOf('.', dot - 1);
    return benchmark.substring(classDot + 1);
  }

  /**
   * The {@code impl} param.
   *
   * @return the implementation, or {@code ""} when the benchmark has no {@code impl} param
   */
  public String impl() {
    return params.getOrDefault(IMPL, "");
  }

  /**
   * Whether this is the serial baseline.
   *
   * @return true when {@code impl} is {@code SERIAL}
   */
  public boolean isSerial() {
    return SERIAL.equals(impl());
  }

  /**
   * Whether this result is one of the pool's own implementations ({@code impl} starts with
   * {@code POOL_}).
   *
   * @return true for the pool, false for the baseline and the peers
   */
  public boolean isPool() {
    return impl().startsWith("POOL_");
  }

  /**
   * The {@code workers} param as an int.
   *
   * @return the worker count, or empty when the param is absent or not an int
   */
  public OptionalInt workers() {
    String w = params.get(WORKERS);
    if (w == null) {
      return OptionalInt.empty();
    }
    try {
      return OptionalInt.of(Integer.parseInt(w.trim()));
    } catch (NumberFormatException e) {
      return OptionalInt.empty();
    }
  }

  /**
   * The {@code chunksize} param as written.
   *
   * @return the chunksize ({@code default} or an int), or {@code ""} when absent
   */
  public String chunksize() {
    return params.getOrDefault(CHUNKSIZE, "");
  }

  /**
   * The backend the result ran on: the {@code backend} param, else {@code VIRTUAL} for an impl
   * whose name says so, else {@code PLATFORM} (the pool's default).
   *
   * @return {@code PLATFORM}, {@code VIRTUAL} or {@code CLUSTER} (or another backend param value
   *     as written)
   */
  public String backend() {
    String b = params.get(BACKEND);
    if (b != null) {
      return b;
    }
    return impl().contains("VIRTUAL") ? "VIRTUAL" : "PLATFORM";
  }

  /**
   * The member processes a {@code CLUSTER} result ran on: its {@code members} param, or its
   * workers when that is 0 (one member per worker).
   *
   * @return the member count; 0 for a result on threads, or when the params do not say
   */
  public int members() {
    return members(params);
  }

  /**
   * The member processes of a configuration given by its params (see {@link #members()}).
   *
   * @param params a result's params
   * @return the member count; 0 for threads, or when the params do not say
   */
  public static int members(java.util.Map<String, String> params) {
    if (!CLUSTER.equals(params.get(BACKEND))) {
      return 0;
    }
    String m = params.getOrDefault(MEMBERS, "0").trim();
    String w = params.getOrDefault(WORKERS, "0").trim();
    if (!m.matches("\\d{1,6}") || !w.matches("\\d{1,6}")) {
      return 0;
    }
    int members = Integer.parseInt(m);
    return members > 0 ? members : Integer.parseInt(w);
  }

  /**
   * Whether a param describes the parallel configuration rather than the workload: {@code impl},
   * {@code workers}, {@code chunksize}, {@code backend} and {@code members}.
   *
   * @param name a param name
   * @return true for the configuration's params
   */
  public static boolean isConfiguration(String name) {
    return name.equals(IMPL) || name.equals(WORKERS) || name.equals(CHUNKSIZE) || name.equals(BACKEND)
        || name.equals(MEMBERS);
  }

  /**
   * The params that describe the workload: all but the configuration's ({@link
   * #isConfiguration(String)}).
   *
   * @return the workload params, sorted by name
   */
  public SortedMap<String, String> workloadParams() {
    TreeMap<String, String> w = new TreeMap<>(params);
    w.keySet().removeIf(BenchmarkResult::isConfiguration);
    return Collections.unmodifiableSortedMap(w);
  }

  /**
   * The name of this configuration's latency log, as {@code io.poollab.bench.LatencyLog} names
   * it and {@link RunResults#latencies()} keys it: {@code Class.method} then {@code -key=value} for
   * every param in name order, characters other than letters, digits and {@code ._=-} made
   * {@code _}.
   *
   * @return e.g. {@code FirstResultBenchmark.firstResult-chunksize=default-impl=POOL_MAP-workers=2}
   */
  public String latencyLogName() {
    StringBuilder sb = new StringBuilder(shortName());
    params.forEach((k, v) -> sb.append('-').append(k).append('=').append(v));
    return sb.toString().replaceAll("[^A-Za-z0-9._=-]", "_");
  }

  /**
   * The job this result measures: benchmark and workload params. Results of one job are compared
   * with each other and with that job's serial baseline.
   *
   * @return e.g. {@code HashBench.map} or {@code CpuBench.run costNs=1000}
   */
  public String job() {
    StringBuilder sb = new StringBuilder(shortName());
    workloadParams().forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
    return sb.toString();
  }
}
