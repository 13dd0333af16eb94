package io.poollab.workload;

import io.poollab.pool.Task;
import io.poollab.pool.TaskFailedException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * The serial baseline: the same task functions the pool runs, in a plain loop on the calling
 * thread. Every speed-up the lab reports is this loop's time divided by a parallel time.
 *
 * <p>A task's exception stops the loop and surfaces as a {@link TaskFailedException} naming the
 * item's index, with the task's exception as the cause, as the pool reports it.
 *
 * <pre>{@code
 * List<String> hashes = SerialBaseline.map(WordHasher::sha512Hex, words);
 * }</pre>
 */
public final class SerialBaseline {

  /** How often the progress overload reports: rarely enough to cost nothing in the loop. */
  static final int PROGRESS_EVERY = 4096;

  private SerialBaseline() {}

  /**
   * Applies {@code fn} to every item, in order.
   *
   * @param fn the task function
   * @param items the input
   * @param <T> the item type
   * @param <R> the result type
   * @return the results in input order, unmodifiable
   * @throws TaskFailedException when the task throws for an item
   */
  public static <T, R> List<R> map(Task<? super T, ? extends R> fn, List<? extends T> items) {
    if (fn == null || items == null) {
      throw new IllegalArgumentException((fn == null ? "fn" : "items") + " must not be null");
    }
    List<R> results = new ArrayList<>(items.size());
    int index = 0;
    for (T item : items) {
      results.add(applyAt(fn, item, index++));
    }
    return Collections.unmodifiableList(results);
  }

  /**
   * Applies {@code fn} to every item, in order, reporting how many are done.
   *
   * @param fn the task function
   * @param items the input
   * @param progress called with the items done so far, every 4096 items and at the end
   * @param <T> the item type
   * @param <R> the result type
   * @return the results in input order, unmodifiable
   * @throws TaskFailedException when the task throws for an item
   */
  public static <T, R> List<R> map(
      Task<? super T, ? extends R> fn, List<? extends T> items, LongConsumer progress) {
    if (fn == null || items == null || progress == null) {
      throw new IllegalArgumentException(
          (fn == null ? "fn" : items == null ? "items" : "progress") + " must not be null");
    }
    List<R> results = new ArrayList<>(items.size());
    int index = 0;
    for (T item : items) {
      results.add(applyAt(fn, item, index++));
      if (index % PROGRESS_EVERY == 0) {
        progress.accept(index);
      }
    }
    progress.accept(index);
    return Collections.unmodifiableList(results);
  }

  private static <T, R> R applyAt(Task<? super T, ? extends R> fn, T item, int index) {
    try {
      return fn.apply(item);
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt(); // keep the interrupt for the caller to see
      }
      throw new TaskFailedException("serial task at index " + index + " failed: " + e, e);
    }
  }
}
