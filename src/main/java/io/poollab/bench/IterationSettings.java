package io.poollab.bench;

import java.time.Duration;

/**
 * How one fork of a plan entry runs: warm-up and measurement iterations of a fixed length. Every
 * fork is a fresh JVM (as the JMH samples require); a run makes one fork of every entry per round
 * ({@link BenchPlan#rounds()}), so the forks of an entry are spread over the whole run.
 *
 * <p>An iteration lasts at least its time; when one operation takes longer, the iteration lasts
 * one operation, so profiles pick iteration times near the expected operation time.
 *
 * <pre>{@code
 * IterationSettings s = new IterationSettings(2, Duration.ofSeconds(1), 3, Duration.ofSeconds(1));
 * s.estimate(); // (2 + 3) s + fork start-up
 * }</pre>
 *
 * @param warmupIterations warm-up iterations per fork, at least 1
 * @param warmupTime length of one warm-up iteration, positive
 * @param measurementIterations measured iterations per fork, at least 1
 * @param measurementTime length of one measured iteration, positive
 */
public record IterationSettings(
    int warmupIterations,
    Duration warmupTime,
    int measurementIterations,
    Duration measurementTime) {

  /**
   * What starting a fork costs beyond its iterations: a JVM start, touching its heap, loading the
   * inputs (1.1-1.5 s measured on an AMD EPYC 2-vCPU VM; on an Intel Xeon one, in a standard run
   * of 201 forks, 1.0-1.3 s for the word job's forks, which load the million words, and 0.8-1.0 s
   * for the others).
   */
  public static final Duration FORK_OVERHEAD = Duration.ofMillis(1000);

  /** Checks every field; the message names the field and what is allowed. */
  public IterationSettings {
    if (warmupIterations < 1) {
      throw new IllegalArgumentException("warmupIterations must be >= 1, was " + warmupIterations);
    }
    if (measurementIterations < 1) {
      throw new IllegalArgumentException(
          "measurementIterations must be >= 1, was " + measurementIterations);
    }
    if (warmupTime == null || warmupTime.isNegative() || warmupTime.isZero()) {
      throw new IllegalArgumentException("warmupTime must be positive, was " + warmupTime);
    }
    if (measurementTime == null || measurementTime.isNegative() || measurementTime.isZero()) {
      throw new IllegalArgumentException("measurementTime must be positive, was " + measurementTime);
    }
  }

  /** The expected wall time of a fork when operations are short: iterations x time + start-up. */
  public Duration estimate() {
    return estimate(Duration.ZERO);
  }

  /**
   * The expected wall time when one operation takes {@code operation}: an iteration lasts the
   * whole operations that fill its time (at least one).
   *
   * @param operation the expected length of one operation
   * @return warm-up + measured iterations x their length + fork start-up
   */
  public Duration estimate(Duration operation) {
    Duration warmup = iteration(warmupTime, operation);
    Duration measured = iteration(measurementTime, operation);
    return warmup
        .multipliedBy(warmupIterations)
        .plus(measured.multipliedBy(measurementIterations))
        .plus(FORK_OVERHEAD);
  }

  /**
   * How long JMH's iteration of {@code time} lasts: it calls the operation until the time is up,
   * so it ends with the first operation that ends after it, a whole number of operations (an
   * operation of 0.35 s makes an iteration of 0.5 s last 0.7 s).
   */
  static Duration iteration(Duration time, Duration operation) {
    if (operation.isZero() || operation.isNegative()) {
      return time;
    }
    long ops = Math.max(1, Math.ceilDiv(time.toNanos(), operation.toNanos()));
    return operation.multipliedBy(ops);
  }

  /** A compact form for the plan listing, e.g. {@code 2x1000ms + 3x1000ms}. */
  public String describe() {
    return warmupIterations + "x" + warmupTime.toMillis() + "ms + "
        + measurementIterations + "x" + measurementTime.toMillis() + "ms";
  }
}
