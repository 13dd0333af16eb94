package io.poollab.workload;

import java.io.Serializable;

/**
 * A CPU-bound task whose cost per item is a parameter: {@code iterations} rounds of xorshift
 * mixing on a local {@code long}. No allocation, no shared state, and the result is returned,
 * so the JIT cannot drop the loop and workers scale with cores alone.
 *
 * <p>It is {@link Serializable}, so that a task that calls it can run on a pool's cluster members
 * (a calibrated task keeps its iteration count there).
 *
 * <p>{@link #calibrate(long)} measures how long one iteration takes on this machine and returns
 * a task of about the asked cost; {@link #nanosPerItem()} reports it.
 *
 * <pre>{@code
 * CpuTask task = CpuTask.calibrate(10_000);         // about 10 µs per item
 * System.out.printf("%.0f ns per item%n", task.nanosPerItem());
 * List<Long> out = pool.map(task::run, inputs);
 * }</pre>
 *
 * @param iterations the rounds of mixing per item, at least 0
 * @param nanosPerIteration the measured cost of one round, or {@code NaN} when not measured
 */
public record CpuTask(long iterations, double nanosPerIteration) implements Serializable {

  private static volatile long blackhole;

  /** Validates the components. */
  public CpuTask {
    if (iterations < 0) {
      throw new IllegalArgumentException("iterations must be >= 0, was " + iterations);
    }
    if (!Double.isNaN(nanosPerIteration) && !(nanosPerIteration > 0)) {
      throw new IllegalArgumentException(
          "nanosPerIteration must be > 0 or NaN (not measured), was " + nanosPerIteration);
    }
  }

  /**
   * A task of {@code iterations} rounds whose cost has not been measured.
   *
   * @param iterations the rounds of mixing per item, at least 0
   */
  public CpuTask(long iterations) {
    this(iterations, Double.NaN);
  }

  /**
   * Does the work for one item.
   *
   * @param input the item
   * @return a value that depends on every round, so the work cannot be skipped
   */
  public long run(long input) {
    long x = (input * 0x9E3779B97F4A7C15L) | 1L; // never 0: xorshift would stay at 0
    for (long i = 0; i < iterations; i++) {
      x ^= x << 13;
      x ^= x >>> 7;
      x ^= x << 17;
    }
    return x;
  }

  /**
   * The measured cost of one item, in nanoseconds.
   *
   * @return iterations times the measured cost of one, or {@code NaN} when not measured
   */
  public double nanosPerItem() {
    return iterations * nanosPerIteration;
  }

  /**
   * Measures the cost of one round here and returns a task of about {@code targetNanos} per item.
   *
   * @param targetNanos the wanted cost of one item, at least 1
   * @return a task with the measured cost per round attached
   */
  public static CpuTask calibrate(long targetNanos) {
    if (targetNanos < 1) {
      throw new IllegalArgumentException("targetNanos must be >= 1, was " + targetNanos);
    }
    double perIteration = measureNanosPerIteration();
    long iterations = Math.max(1, Math.round(targetNanos / perIteration));
    return new CpuTask(iterations, perIteration);
  }

  /**
   * The cost of one round: the fastest of several timed runs of a few milliseconds each, after
   * enough runs for the JIT to compile the loop (the fastest, since other load only adds time).
   *
   * @return nanoseconds per round
   */
  public static double measureNanosPerIteration() {
    CpuTask probe = new CpuTask(1_000_000);
    long sink = 0;
    for (int i = 0; i < 20; i++) {
      sink += probe.run(i);
    }
    double best = Double.MAX_VALUE;
    for (int i = 0; i < 7; i++) {
      long start = System.nanoTime();
      sink += probe.run(sink);
      long elapsed = System.nanoTime() - start;
      best = Math.min(best, (double) elapsed / probe.iterations());
    }
    blackhole = sink; // published, so the timed runs cannot be dropped as dead code
    return Math.max(best, 1e-3);
  }
}
