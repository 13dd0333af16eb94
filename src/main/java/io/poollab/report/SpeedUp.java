package io.poollab.report;

import java.util.Objects;

/**
 * A speed-up multiple, serial time / parallel time, with its error and the configuration it was
 * measured at.
 *
 * <h2>Formula</h2>
 * For scores in time per operation (JMH's {@code avgt}/{@code ss}/{@code sample} modes,
 * {@code ms/op}): {@code S = s_serial / s_parallel}; for throughput ({@code ops/ms}) the ratio is
 * inverted, {@code S = s_parallel / s_serial}. Both scores come from the same run. The error is
 * propagated from both confidence-interval half-widths {@code e} by adding the relative errors in
 * quadrature:
 * <pre>
 *   error(S) = S * sqrt( (e_serial / s_serial)^2 + (e_parallel / s_parallel)^2 )
 * </pre>
 * (first-order propagation for a ratio; with JMH's 99.9% intervals it is a 99.9%-ish half-width
 * too). Python results have no interval; their relative error is the samples' half-spread
 * {@code (max - min) / (2 * median)}, combined the same way. The parallel efficiency is
 * {@code S / workers} with error {@code error(S) / workers}.
 *
 * <pre>{@code
 * for (SpeedUp s : run.speedUps()) {
 *   System.out.printf("%s %s w=%d: %.2fx ± %.2f (%.0f%% efficient)%n",
 *       s.job(), s.impl(), s.workers(), s.value(), s.error(), 100 * s.efficiency());
 * }
 * }</pre>
 *
 * @param job what was measured: for JMH {@link BenchmarkResult#job()}, for Python the workload
 *     ({@code words}, {@code sleep})
 * @param impl the implementation ({@code POOL_MAP}, a peer, or a Python {@code PY_} impl)
 * @param backend {@code PLATFORM} or {@code VIRTUAL} (Python: {@code PROCESS} or {@code THREAD})
 * @param workers the worker count, at least 1
 * @param chunksize the chunksize as written ({@code default}, an int, or {@code ""} when none)
 * @param value the speed-up multiple (may be {@code NaN} when a score was)
 * @param error the half-width of its interval (may be {@code NaN})
 * @param python whether this comes from Python's reference results
 */
public record SpeedUp(
    String job,
    String impl,
    String backend,
    int workers,
    String chunksize,
    double value,
    double error,
    boolean python) {

  /** Checks the fields. */
  public SpeedUp {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(impl, "impl");
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(chunksize, "chunksize");
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be >= 1, was " + workers);
    }
  }

  /**
   * The speed-up of {@code parallel} over {@code serial}, per the formula above.
   *
   * <pre>{@code
   * SpeedUp s = SpeedUp.of(serial, parallel, 4);
   * }</pre>
   *
   * @param serial the {@code SERIAL} result of the same job and run
   * @param parallel the result to rate
   * @param workers the parallel result's worker count
   * @return the speed-up with its propagated error
   */
  public static SpeedUp of(BenchmarkResult serial, BenchmarkResult parallel, int workers) {
    boolean throughput =
        parallel.mode().equals("thrpt") || parallel.unit().startsWith("ops/");
    double ratio =
        throughput ? parallel.score() / serial.score() : serial.score() / parallel.score();
    double error =
        ratio * quadrature(serial.error() / serial.score(), parallel.error() / parallel.score());
    return new SpeedUp(
        parallel.job(),
        parallel.impl(),
        parallel.backend(),
        workers,
        parallel.chunksize(),
        ratio,
        Math.abs(error),
        false);
  }

  /**
   * The speed-up of a Python result over Python's serial loop on the same workload.
   *
   * @param serial the {@code PY_SERIAL} result
   * @param parallel the pool result to rate
   * @return the speed-up, median over median, with the spread-based error
   */
  public static SpeedUp ofPython(PythonResult serial, PythonResult parallel) {
    double ratio = serial.medianSeconds() / parallel.medianSeconds();
    double error = ratio * quadrature(serial.relativeError(), parallel.relativeError());
    String backend = parallel.impl().contains("THREAD") ? "THREAD" : "PROCESS";
    return new SpeedUp(
        parallel.workload(),
        parallel.impl(),
        backend,
        parallel.workers(),
        parallel.chunksize(),
        ratio,
        Math.abs(error),
        true);
  }

  /**
   * Speed-up per worker: 1.0 is perfect scaling.
   *
   * @return {@code value / workers}
   */
  public double efficiency() {
    return value / workers;
  }

  /**
   * The error of {@link #efficiency()}.
   *
   * @return {@code error / workers}
   */
  public double efficiencyError() {
    return error / workers;
  }

  /**
   * Whether the value can be drawn: finite and positive.
   *
   * @return true when {@code value} is a finite number above zero
   */
  public boolean isFinite() {
    return Double.isFinite(value) && value > 0;
  }

  private static double quadrature(double a, double b) {
    return Math.sqrt(a * a + b * b);
  }
}
