package io.poollab.pool;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An input the test feeds by hand, as a socket or a queue would: {@code hasNext()} waits until
 * the test {@link #offer}s an item or {@link #end}s the input, or fails it with {@link #fail}.
 * Counts how often the pool waited in it and how many items it took.
 */
final class ControlledInput<T> implements Iterable<T>, Iterator<T> {
  private static final Object END = new Object();

  private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private final AtomicInteger taken = new AtomicInteger();
  private final AtomicInteger waiting = new AtomicInteger();
  private Object head;

  void offer(T item) {
    queue.add(item);
  }

  void end() {
    queue.add(END);
  }

  void fail(RuntimeException error) {
    queue.add(error);
  }

  /** Items the pool has taken with next(). */
  int taken() {
    return taken.get();
  }

  /** Whether a reader is waiting inside hasNext() for the next item. */
  boolean readerWaiting() {
    return waiting.get() > 0;
  }

  @Override
  public Iterator<T> iterator() {
    return this;
  }

  @Override
  public boolean hasNext() {
    if (head == null) {
      waiting.incrementAndGet();
      try {
        head = queue.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the next item", e);
      } finally {
        waiting.decrementAndGet();
      }
    }
    if (head instanceof RuntimeException error) {
      head = null;
      throw error;
    }
    return head != END;
  }

  @Override
  @SuppressWarnings("unchecked")
  public T next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    T item = (T) head;
    head = null;
    taken.incrementAndGet();
    return item;
  }
}
