package io.poollab.report;

import java.util.List;
import java.util.Objects;

/**
 * One of Python's reference results from {@code python.json}.
 *
 * <pre>{@code
 * PythonResult r = run.python().orElseThrow().results().get(0);
 * System.out.println(r.impl() + " " + r.workers() + " workers: " + r.medianSeconds() + " s");
 * }</pre>
 *
 * @param impl {@code PY_SERIAL}, {@code PY_POOL_MAP}, {@code PY_POOL_IMAP_UNORDERED} or
 *     {@code PY_THREADPOOL_MAP}
 * @param workload {@code words} or {@code sleep}
 * @param workers the pool's worker count (1 for the serial loop)
 * @param chunksize {@code default} or an int, as written
 * @param samplesSeconds the wall time of each repetition, seconds
 * @param medianSeconds the median of the samples, seconds
 */
public record PythonResult(
    String impl,
    String workload,
    int workers,
    String chunksize,
    List<Double> samplesSeconds,
    double medianSeconds) {

  /** The {@code impl} of Python's serial loop. */
  public static final String PY_SERIAL = "PY_SERIAL";

  /** Checks the fields and copies the samples. */
  public PythonResult {
    Objects.requireNonNull(impl, "impl");
    Objects.requireNonNull(workload, "workload");
    Objects.requireNonNull(chunksize, "chunksize");
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be >= 1, was " + workers);
    }
    samplesSeconds = List.copyOf(samplesSeconds);
  }

  /**
   * Whether this is Python's serial loop.
   *
   * @return true for {@code PY_SERIAL}
   */
  public boolean isSerial() {
    return PY_SERIAL.equals(impl);
  }

  /**
   * The relative half-spread of the samples, {@code (max - min) / (2 * median)}: the error used
   * for Python's speed-ups (Python gives no confidence interval).
   *
   * @return the relative error, {@code 0} with fewer than two samples, {@code NaN} when the
   *     median is not positive
   */
  public double relativeError() {
    if (!(medianSeconds > 0)) {
      return Double.NaN;
    }
    if (samplesSeconds.size() < 2) {
      return 0;
    }
    double min = samplesSeconds.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    double max = samplesSeconds.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    return (max - min) / (2 * medianSeconds);
  }
}
