package io.poollab.bench;

import java.time.Duration;
import java.util.Locale;

/**
 * The pace of a streaming input: {@code items} items, one every {@code intervalMicros}. Item
 * {@code i} is handed over {@code i} intervals after the call starts (the first at once), so the
 * input alone takes {@code (items - 1)} intervals: a consumer that keeps up ends one task after
 * the last item, and gets its first result one task after the call.
 *
 * <pre>{@code
 * StreamPace pace = new StreamPace(100, 1000);
 * pace.inputTime();   // PT0.0999S: 999 intervals of 100 us
 * pace.spec();        // 100:1000, as pool_reference.py --stream takes it
 * }</pre>
 *
 * @param intervalMicros the time between two items, microseconds, at least 1
 * @param items items per call, at least 2 (a steady rate needs two)
 */
public record StreamPace(long intervalMicros, int items) {

  /** Checks the fields; the message names the field and what is allowed. */
  public StreamPace {
    if (intervalMicros < 1) {
      throw new IllegalArgumentException("intervalMicros must be >= 1, was " + intervalMicros);
    }
    if (items < 2) {
      throw new IllegalArgumentException("items must be >= 2, was " + items);
    }
  }

  /** The time between two items. */
  public Duration interval() {
    return Duration.ofNanos(intervalMicros * 1000);
  }

  /** The input's own length: the last item comes {@code items - 1} intervals after the start. */
  public Duration inputTime() {
    return interval().multipliedBy(items - 1L);
  }

  /** The input's rate, items per second. */
  public double itemsPerSecond() {
    return 1e6 / intervalMicros;
  }

  /** {@code INTERVAL:ITEMS}, the form {@code pool_reference.py --stream} takes. */
  public String spec() {
    return intervalMicros + ":" + items;
  }

  /** For listings: {@code 1000 items every 100 us}. */
  public String describe() {
    return String.format(Locale.ROOT, "%d items every %d us", items, intervalMicros);
  }
}
