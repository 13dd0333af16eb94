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
 * <p>A streaming result ({@link #isStream()}: {@code workload} {@code stream-<interval>us}, impl
 * {@code PY_SERIAL}, {@code PY_POOL_IMAP} or {@code PY_POOL_IMAP_UNORDERED}) also has the paced
 * input's interval and items, and each repetition's time to its first result beside its time to
 * the last ({@code samplesSeconds}).
 *
 * @param impl {@code PY_SERIAL}, {@code PY_POOL_MAP}, {@code PY_POOL_IMAP},
 *     {@code PY_POOL_IMAP_UNORDERED} or {@code PY_THREADPOOL_MAP}
 * @param workload {@code words}, {@code sleep} or {@code stream-<interval>us}
 * @param workers the pool's worker count (1 for the serial loop)
 * @param chunksize {@code default} or an int, as written
 * @param samplesSeconds the wall time of each repetition, seconds
 * @param medianSeconds the median of the samples, seconds
 * @param intervalMicros the paced input's interval, microseconds; 0 when not a streaming result
 * @param items the paced input's items; 0 when not a streaming result
 * @param firstResultSeconds each repetition's time to its first result (streaming results only)
 * @param rounds the round of the lab's run each sample followed, when Python ran between the
 *     rounds (as many as the samples); empty when it ran all its samples in one go
 */
public record PythonResult(
    String impl,
    String workload,
    int workers,
    String chunksize,
    List<Double> samplesSeconds,
    double medianSeconds,
    long intervalMicros,
    int items,
    List<Double> firstResultSeconds,
    List<Integer> rounds) {

  /** The {@code impl} of Python's serial loop. */
  public static final String PY_SERIAL = "PY_SERIAL";

  /**
   * A result that is not a streaming one.
   *
   * @param impl the implementation
   * @param workload the workload
   * @param workers the worker count
   * @param chunksize the chunksize
   * @param samplesSeconds the wall times
   * @param medianSeconds their median
   */
  public PythonResult(String impl, String workload, int workers, String chunksize,
      List<Double> samplesSeconds, double medianSeconds) {
    this(impl, workload, workers, chunksize, samplesSeconds, medianSeconds, 0, 0, List.of(), List.of());
  }

  /** Checks the fields and copies the samples. */
  public PythonResult {
    Objects.requireNonNull(impl, "impl");
    Objects.requireNonNull(workload, "workload");
    Objects.requireNonNull(chunksize, "chunksize");
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be >= 1, was " + workers);
    }
    if (intervalMicros < 0 || items < 0) {
      throw new IllegalArgumentException("intervalMicros and items must be >= 0 (0: not a stream), were "
          + intervalMicros + " and " + items);
    }
    samplesSeconds = List.copyOf(samplesSeconds);
    firstResultSeconds = List.copyOf(firstResultSeconds);
    rounds = List.copyOf(rounds);
    if (!rounds.isEmpty() && rounds.size() != samplesSeconds.size()) {
      throw new IllegalArgumentException("rounds must name the round of each of the " + samplesSeconds.size()
          + " samples, or none; had " + rounds.size());
    }
  }

  /**
   * The median of the samples taken after round {@code round} of the lab's run.
   *
   * @param round a round, from 1
   * @return seconds, NaN when no sample followed that round (or the samples have no rounds)
   */
  public double medianSecondsAfterRound(int round) {
    double[] xs = new double[samplesSeconds.size()];
    int n = 0;
    for (int i = 0; i < rounds.size(); i++) {
      double v = samplesSeconds.get(i);
      if (rounds.get(i) == round && v > 0 && Double.isFinite(v)) {
        xs[n++] = v;
      }
    }
    return RobustStats.median(java.util.Arrays.copyOf(xs, n));
  }

  /**
   * Whether this is a streaming result: a call over a paced input.
   *
   * @return true when it has an interval and at least two items
   */
  public boolean isStream() {
    return intervalMicros > 0 && items >= 2;
  }

  /**
   * The median time to the first result, seconds.
   *
   * @return the median of the finite {@link #firstResultSeconds()}, NaN without them
   */
  public double firstResultMedianSeconds() {
    return RobustStats.median(
        firstResultSeconds.stream().mapToDouble(Double::doubleValue).filter(Double::isFinite).toArray());
  }

  /**
   * The throughput of a streaming result: for each repetition, {@code (items - 1)} per second of
   * its time to the last result (the input takes {@code items - 1} intervals, so a call that keeps
   * up reaches the input's rate); the median over repetitions.
   *
   * @return items per second, NaN when not a streaming result or not measured
   */
  public double throughputItemsPerSecond() {
    if (!isStream()) {
      return Double.NaN;
    }
    return RobustStats.median(samplesSeconds.stream().mapToDouble(Double::doubleValue)
        .filter(t -> t > 0 && Double.isFinite(t)).map(t -> (items - 1) / t).toArray());
  }

  /**
   * Whether this is Python's serial loop.
   *
   * @return true for {@code PY_SERIAL}
   */
  public boolean isSerial() {
    return PY_SERIAL.equals(impl);
  }
}
