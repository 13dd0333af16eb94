package io.poollab.report;

import java.util.Arrays;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One benchmark fork as read from a run's {@code rounds.json} (or, for a run without it, one fork
 * of {@code jmh.json}): its place in the protocol, its measured iterations, and what the canary
 * said about the machine meanwhile.
 *
 * <pre>{@code
 * for (ForkData f : run.rounds().forks()) {
 *   System.out.println(f.round() + "." + f.group() + " " + f.configKey() + " " + RobustStats.median(f.iterations()));
 * }
 * }</pre>
 *
 * @param id the fork's number in the run, from 1, in execution order
 * @param round the round, from 1
 * @param group the group within the round, from 1
 * @param attempt 1, or 2 for the re-run of a disturbed group
 * @param kept whether the fork counts (a re-run replaces the attempt it repeats)
 * @param disturbance why the canary judged its group disturbed; empty when it did not
 * @param benchmark the benchmark, {@code package.Class.method}
 * @param mode JMH's mode ({@code avgt}, {@code sample}, ...)
 * @param params the params, sorted by name
 * @param unit the score unit, e.g. {@code ms/op}
 * @param iterations the measured iterations' scores, in order; empty when the fork failed
 * @param gcMillis GC time in each iteration (empty when not profiled)
 * @param serialPartner in a paired fork, the serial job's ms/op in each iteration, measured beside
 *     the fork's own operations (the benchmarks' {@code SerialPartner}); empty otherwise
 * @param allocBytesPerOp bytes allocated per operation (NaN when not profiled)
 * @param measurementMillis the length of one measurement iteration (NaN when unknown)
 * @param foreignCores cores other processes used while it ran (NaN when unknown)
 * @param failure why the fork failed, or empty
 */
public record ForkData(
    int id,
    int round,
    int group,
    int attempt,
    boolean kept,
    String disturbance,
    String benchmark,
    String mode,
    SortedMap<String, String> params,
    String unit,
    double[] iterations,
    double[] gcMillis,
    double[] serialPartner,
    double allocBytesPerOp,
    double measurementMillis,
    double foreignCores,
    String failure) {

  /** Checks and copies the fields. */
  public ForkData {
    Objects.requireNonNull(disturbance, "disturbance");
    Objects.requireNonNull(benchmark, "benchmark");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(failure, "failure");
    params = Collections.unmodifiableSortedMap(new TreeMap<>(params));
    iterations = iterations.clone();
    gcMillis = gcMillis.clone();
    serialPartner = serialPartner.clone();
  }

  /** The measured iterations (a copy). */
  @Override
  public double[] iterations() {
    return iterations.clone();
  }

  /** GC time per iteration (a copy). */
  @Override
  public double[] gcMillis() {
    return gcMillis.clone();
  }

  /** The serial partner's ms/op per iteration (a copy); empty when the fork is not paired. */
  @Override
  public double[] serialPartner() {
    return serialPartner.clone();
  }

  /**
   * Whether the fork carries its own serial time for every measured iteration (a paired fork):
   * one finite, positive value per iteration.
   */
  public boolean paired() {
    return serialPartner.length > 0 && serialPartner.length == iterations.length
        && Arrays.stream(serialPartner).allMatch(v -> v > 0 && Double.isFinite(v));
  }

  /** Whether the canary judged the fork's group disturbed. */
  public boolean disturbed() {
    return !disturbance.isEmpty();
  }

  /** Whether the fork measured something: kept forks without a failure and with finite iterations. */
  public boolean usable() {
    return failure.isEmpty() && iterations.length > 0 && Arrays.stream(iterations).allMatch(v -> v > 0 && Double.isFinite(v));
  }

  /** The configuration this fork measured, as {@link BenchmarkResult#configKey()} names it. */
  public String configKey() {
    return BenchmarkResult.configKey(benchmark, params);
  }

  /** The {@code impl} param, or empty. */
  public String impl() {
    return params.getOrDefault(BenchmarkResult.IMPL, "");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ForkData f && id == f.id && round == f.round && group == f.group
        && attempt == f.attempt && kept == f.kept && disturbance.equals(f.disturbance)
        && benchmark.equals(f.benchmark) && mode.equals(f.mode) && params.equals(f.params)
        && unit.equals(f.unit) && Arrays.equals(iterations, f.iterations)
        && Arrays.equals(gcMillis, f.gcMillis) && Arrays.equals(serialPartner, f.serialPartner)
        && Double.compare(allocBytesPerOp, f.allocBytesPerOp) == 0
        && Double.compare(measurementMillis, f.measurementMillis) == 0
        && Double.compare(foreignCores, f.foreignCores) == 0 && failure.equals(f.failure);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, round, group, attempt, benchmark, params, Arrays.hashCode(iterations));
  }

  @Override
  public String toString() {
    return "ForkData[" + id + " r" + round + "g" + group + "a" + attempt + (kept ? "" : " dropped")
        + (disturbed() ? " disturbed" : "") + " " + configKey() + " " + Arrays.toString(iterations) + "]";
  }
}
