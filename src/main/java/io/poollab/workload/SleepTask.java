package io.poollab.workload;

import java.io.Serializable;

/**
 * A simulated IO wait: each item sleeps {@code millis} milliseconds and returns its input. It is
 * {@link Serializable}, so that a task that calls it can run on a pool's cluster members.
 *
 * <pre>{@code
 * SleepTask sleep = new SleepTask(10);
 * List<Integer> out = pool.map(sleep::run, inputs);   // 10 ms per item, no CPU
 * }</pre>
 *
 * @param millis the wait per item, at least 0
 */
public record SleepTask(long millis) implements Serializable {

  /** Validates the wait. */
  public SleepTask {
    if (millis < 0) {
      throw new IllegalArgumentException("millis must be >= 0, was " + millis);
    }
  }

  /**
   * Waits, then returns the item.
   *
   * @param item the item
   * @param <T> its type
   * @return {@code item}
   * @throws InterruptedException when interrupted while waiting
   */
  public <T> T run(T item) throws InterruptedException {
    Thread.sleep(millis);
    return item;
  }
}
