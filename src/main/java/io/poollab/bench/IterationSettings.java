package io.poollab.bench;

import java.time.Duration;

/**
 * How JMH runs one plan entry: forks, then warm-up and measurement iterations of a fixed length.
 *
 * <p>An iteration lasts at least its time; when one operation takes longer, the iteration lasts
 * one operation, so profiles pick iteration times near the expected operation time.
 *
 * <pre>{@code
 * IterationSettings s = new IterationSettings(1, 2, Duration.ofSeconds(1), 3, Duration.ofSeconds(1));
 * s.estimate(); // 1 fork x (2 + 3) s + fork start-up
 * }</pre>
 *
 * @param forks JMH forks, at least 1 (a fresh JVM per fork, as the JMH samples require)
 * @param warmupIterations warm-up iterations per fork, at least 1
 * @param warmupTime length of one warm-up iteration, positive
 * @param measurementIterations measured iterations per fork, at least 1
 * @param measurementTime length of one measured iteration, positive
 */
public record IterationSettings(
    int forks,
    int warmupIterations,
    Duration warmupTime,
    int measurementIterations,
    Duration measurementTime) {

  /** What starting a fork costs beyond its iterations: a JVM start and loading the inputs. */
  public static final Duration FORK_OVERHEAD = Duration.ofMillis(2000);

  /** Checks every field; the message names the field and what is allowed. */
  public IterationSettings {
    if (forks < 1) {
      throw new IllegalArgumentException("forks must be >= 1, was " + forks);
    }
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

  /** The expected wall time when operations are short: forks x (iterations x time + start-up). */
  public Duration estimate() {
    return estimate(Duration.ZERO);
  }

  /**
   * The expected wall time when one operation takes {@code operation}: an iteration lasts its
   * time or one operation, whichever is longer.
   *
   * @param operation the expected length of one operation
   * @return forks x (warm-up + measured iterations x their length + fork start-up)
   */
  public Duration estimate(Duration operation) {
    Duration warmup = max(warmupTime, operation);
    Duration measured = max(measurementTime, operation);
    Duration perFork =
        warmup
            .multipliedBy(warmupIterations)
            .plus(measured.multipliedBy(measurementIterations))
            .plus(FORK_OVERHEAD);
    return perFork.multipliedBy(forks);
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  /** A compact form for the plan listing, e.g. {@code 1f x (2x1000ms + 3x1000ms)}. */
  public String describe() {
    return forks + "f x (" + warmupIterations + "x" + warmupTime.toMillis() + "ms + "
        + measurementIterations + "x" + measurementTime.toMillis() + "ms)";
  }
}
