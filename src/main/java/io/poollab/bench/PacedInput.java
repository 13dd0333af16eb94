package io.poollab.bench;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * An input that produces items at a set rate, as a socket, a queue or a growing file does: its
 * iterator's {@code next()} returns item {@code i} no earlier than {@code start + i * interval}
 * (parking until then), item 0 at once. The deadlines are absolute, so a late wake-up never
 * delays the items after it, and a consumer that falls behind gets the waiting items at once.
 * The items are words of a list, from its start, wrapping around when the input is longer.
 *
 * <p>{@code hasNext()} never waits: the input knows how many items it has. A thread interrupted
 * while it waits for an item gets the item at once, its interrupt status kept, so a pool that
 * interrupts its reader is never held up by the pacing.
 *
 * <pre>{@code
 * long start = System.nanoTime();
 * PacedInput input = new PacedInput(words, new StreamPace(100, 1000), start);
 * try (ResultIterator<String> hashes = pool.imap(WordHasher::sha512Hex, input, 1)) {
 *   String first = hashes.next();   // due by start + one interval + one task
 * }
 * }</pre>
 */
public final class PacedInput implements Iterable<String> {

  private final List<String> words;
  private final StreamPace pace;
  private final long startNanos;
  private final long intervalNanos;
  private final LongSupplier clock;
  private final LongConsumer park;

  /**
   * An input paced from {@code startNanos} on the {@link System#nanoTime()} clock.
   *
   * @param words the items, used in order and wrapped around; not empty
   * @param pace how many items and how far apart
   * @param startNanos when item 0 is due, a {@link System#nanoTime()} value
   */
  public PacedInput(List<String> words, StreamPace pace, long startNanos) {
    this(words, pace, startNanos, System::nanoTime, LockSupport::parkNanos);
  }

  /**
   * An input on a given clock, for tests.
   *
   * @param words the items; not empty
   * @param pace the pace
   * @param startNanos when item 0 is due, on {@code clock}
   * @param clock the time in nanoseconds
   * @param park waits about the given nanoseconds (may return early or late)
   */
  PacedInput(List<String> words, StreamPace pace, long startNanos, LongSupplier clock, LongConsumer park) {
    if (words == null || words.isEmpty()) {
      throw new IllegalArgumentException("words must not be empty, was " + words);
    }
    if (pace == null) {
      throw new IllegalArgumentException("pace must not be null");
    }
    this.words = words;
    this.pace = pace;
    this.startNanos = startNanos;
    this.intervalNanos = pace.intervalMicros() * 1000;
    this.clock = clock;
    this.park = park;
  }

  /** The pace. */
  public StreamPace pace() {
    return pace;
  }

  /**
   * When item {@code i} is due.
   *
   * @param i the item's index, from 0
   * @return {@code start + i * interval}, on the input's clock
   */
  public long dueNanos(int i) {
    return startNanos + i * intervalNanos;
  }

  /** A pass over the items; every iterator keeps the same deadlines. */
  @Override
  public Iterator<String> iterator() {
    return new Iterator<>() {
      private int next;

      @Override
      public boolean hasNext() {
        return next < pace.items();
      }

      @Override
      public String next() {
        if (!hasNext()) {
          throw new NoSuchElementException("the paced input has " + pace.items() + " items");
        }
        long due = dueNanos(next);
        for (long wait = due - clock.getAsLong(); wait > 0; wait = due - clock.getAsLong()) {
          if (Thread.currentThread().isInterrupted()) {
            break;
          }
          park.accept(wait);
        }
        String item = words.get(next % words.size());
        next++;
        return item;
      }
    };
  }
}
