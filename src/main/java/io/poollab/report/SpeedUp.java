package io.poollab.report;

import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A speed-up multiple, serial time / parallel time, with its interval, the configuration it was
 * measured at, and what is known about the data behind it.
 *
 * <h2>How it is measured</h2>
 * Serial and parallel are measured in the same run, next to each other, round after round (see
 * {@link Rounds}). In each round the speed-up is {@code median(serial iterations) /
 * median(parallel iterations)} of the two forks of one group (for throughput units the ratio is
 * inverted); the estimate is the median over rounds, so one disturbed round cannot move it, and
 * the interval comes from a two-level bootstrap (rounds, then iterations within them; {@link
 * Bootstrap}) at the level given, 95% by default. Rounds the canary judged disturbed are left out
 * when at least two clean ones remain. The parallel efficiency is {@code value / workers}.
 *
 * <p>Python's reference runs each configuration a few times: its speed-up is the median of the
 * serial runs over the median of the pool runs, with a bootstrap over those runs.
 *
 * <pre>{@code
 * for (SpeedUp s : run.speedUps()) {
 *   System.out.printf("%s %s w=%d: %.2fx [%.2f, %.2f] %s%n",
 *       s.job(), s.impl(), s.workers(), s.value(), s.low(), s.high(), s.quality().describe());
 * }
 * }</pre>
 *
 * @param job what was measured: for JMH {@link BenchmarkResult#job()}, for Python the workload
 *     ({@code words}, {@code sleep})
 * @param impl the implementation ({@code POOL_MAP}, a peer, or a Python {@code PY_} impl)
 * @param backend {@code PLATFORM}, {@code VIRTUAL} or {@code CLUSTER} (Python: {@code PROCESS} or
 *     {@code THREAD})
 * @param workers the worker count, at least 1
 * @param chunksize the chunksize as written ({@code default}, an int, or {@code ""} when none)
 * @param params the parallel configuration's params (empty for Python)
 * @param estimate the estimate with its interval and bootstrap replicates (NaN when unmeasurable)
 * @param python whether this comes from Python's reference results
 * @param quality the data behind it, and its flags
 */
public record SpeedUp(
    String job,
    String impl,
    String backend,
    int workers,
    String chunksize,
    SortedMap<String, String> params,
    Bootstrap.Estimate estimate,
    boolean python,
    Quality quality) {

  /** Checks the fields. */
  public SpeedUp {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(impl, "impl");
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(chunksize, "chunksize");
    Objects.requireNonNull(estimate, "estimate");
    Objects.requireNonNull(quality, "quality");
    params = Collections.unmodifiableSortedMap(new TreeMap<>(params));
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be >= 1, was " + workers);
    }
  }

  /**
   * The member processes of a {@code CLUSTER} figure ({@link BenchmarkResult#members(java.util.Map)}).
   *
   * @return the member count; 0 on threads and for Python
   */
  public int members() {
    return BenchmarkResult.members(params);
  }

  /** An estimate of nothing: NaN value and interval, for a configuration that could not be measured. */
  static Bootstrap.Estimate unmeasured() {
    return new Bootstrap.Estimate(Double.NaN, Double.NaN, Double.NaN, Bootstrap.DEFAULT_LEVEL,
        new double[0], new double[0]);
  }

  /** The speed-up multiple (median over rounds); NaN when it could not be measured. */
  public double value() {
    return estimate.value();
  }

  /** The interval's lower end. */
  public double low() {
    return estimate.low();
  }

  /** The interval's upper end. */
  public double high() {
    return estimate.high();
  }

  /** The interval's confidence level, e.g. 0.95. */
  public double level() {
    return estimate.level();
  }

  /** Half the interval's width, for symmetric error bars; NaN when unknown. */
  public double error() {
    return estimate.halfWidth();
  }

  /**
   * Speed-up per worker: 1.0 is perfect scaling.
   *
   * @return {@code value / workers}; NaN for an implementation with no worker count (one
   *     virtual thread per task), where a speed-up per worker means nothing
   */
  public double efficiency() {
    return hasWorkerCount() ? value() / workers : Double.NaN;
  }

  /**
   * Whether {@code workers} is a real worker count: false for one virtual thread per task
   * ({@code VIRTUAL_PER_TASK}), whose {@code workers} param only says how many tasks ran at once.
   */
  public boolean hasWorkerCount() {
    return !perTask(impl);
  }

  /**
   * Whether an implementation starts one virtual thread per task and so has no worker count.
   *
   * @param impl the {@code impl} param, e.g. {@code VIRTUAL_PER_TASK}
   * @return true for the per-task kinds
   */
  public static boolean perTask(String impl) {
    return impl != null && impl.endsWith("PER_TASK");
  }

  /**
   * The half-width of the efficiency's interval.
   *
   * @return {@code error / workers}
   */
  public double efficiencyError() {
    return hasWorkerCount() ? error() / workers : Double.NaN;
  }

  /**
   * Whether the value can be drawn: finite and positive.
   *
   * @return true when the value is a finite number above zero
   */
  public boolean isFinite() {
    return Double.isFinite(value()) && value() > 0;
  }

  /** Whether it may make a headline or a recommendation: finite and not flagged. */
  public boolean trustworthy() {
    return isFinite() && !quality.flagged();
  }
}
