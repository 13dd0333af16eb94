package io.poollab.bench;

import java.util.List;

/**
 * One whole job, as a benchmark measures it: apply a task to every item, return every result.
 * Made by an implementation enum in {@code @Setup}, run once per benchmark operation, closed in
 * {@code @TearDown} (which shuts down its pool or executor).
 *
 * <pre>{@code
 * try (BatchJob<String, String> job = WordJobImpl.POOL_MAP.create(config)) {
 *   List<String> hashes = job.run(words);
 * }
 * }</pre>
 *
 * @param <T> the item type
 * @param <R> the result type
 */
public interface BatchJob<T, R> extends AutoCloseable {

  /**
   * Runs the task over every item.
   *
   * @param items the inputs
   * @return one result per item (in input order, except for completion-order methods)
   * @throws Exception when a task fails or the wait is interrupted
   */
  List<R> run(List<T> items) throws Exception;

  /** Releases the job's threads; the default has none. */
  @Override
  default void close() throws Exception {}
}
