package io.poollab.pool;

import java.util.concurrent.TimeUnit;

/** Argument checks whose messages name the argument, the value and what is allowed. */
final class Checks {
  private Checks() {}

  static int atLeastOne(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be at least 1, got " + value);
    }
    return value;
  }

  static long atLeastOne(String name, long value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be at least 1, got " + value);
    }
    return value;
  }

  static <T> T notNull(String name, T value) {
    if (value == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
    return value;
  }

  static long timeoutNanos(long timeout, TimeUnit unit) {
    if (timeout < 0) {
      throw new IllegalArgumentException("timeout must be at least 0, got " + timeout);
    }
    notNull("unit", unit);
    return unit.toNanos(timeout);
  }
}
