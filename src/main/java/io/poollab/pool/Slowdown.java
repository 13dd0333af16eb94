package io.poollab.pool;

/**
 * A deliberate slow-down of every item, for proving that the lab's regression check catches a
 * slower pool. Off unless the system property {@value #PROPERTY} is set; never set it in
 * production.
 */
final class Slowdown {
  /** The system property, in nanoseconds per item, read when a pool is created. */
  static final String PROPERTY = "poollab.pool.slowdownNanos";

  private Slowdown() {}

  static long configuredNanos() {
    String value = System.getProperty(PROPERTY);
    if (value == null || value.isBlank()) {
      return 0;
    }
    try {
      long nanos = Long.parseLong(value.trim());
      if (nanos < 0) {
        throw new NumberFormatException();
      }
      return nanos;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          PROPERTY + " must be a whole number of nanoseconds, at least 0, got '" + value + "'");
    }
  }

  static void spin(long nanos) {
    long end = System.nanoTime() + nanos;
    while (System.nanoTime() < end) {
      Thread.onSpinWait();
    }
  }
}
