package io.poollab.pool;

/**
 * Runs one chunk of a {@link Backend#CLUSTER} pool somewhere else and waits for its per-item
 * outcomes; made by {@link RemoteBackend#open(PoolOptions)}. Each pool worker is a local virtual
 * thread with at most one chunk in flight, so {@code workers} bounds the chunks in flight.
 *
 * <pre>{@code
 * Throwable[] failures = new Throwable[items.length];
 * Object[] results = executor.run(workerId, task, items, failures); // failures[i] != null: item i threw
 * }</pre>
 *
 * <p>A worker id stands for one worker of the pool from its first chunk to {@link
 * #workerExited(long)}: the remote side runs that worker's chunks on one thread of its own, and
 * runs the pool's initializer once on it, so that {@link WorkerLocal} values live as long as the
 * worker does; a replaced worker (after {@link PoolOptions#maxTasksPerWorker()}) gets a new id.
 */
public interface ChunkExecutor extends AutoCloseable {

  /**
   * Refuses, at the call, a task that cannot travel.
   *
   * @param name what {@code value} is, for the message ("task")
   * @param value the value that will be sent
   * @throws IllegalArgumentException naming the class that cannot be sent, and what is allowed
   */
  void checkTravels(String name, Object value);

  /**
   * Runs {@code task} over {@code items} remotely, as one remote task (whose results may come
   * back in parts), and waits for all of it.
   *
   * @param worker the pool worker's id
   * @param task the task
   * @param items the chunk's items
   * @param failures as long as {@code items}: set to what item {@code i} threw, or left null
   * @return the results, as long as {@code items}; a failed item's place is null
   * @throws InterruptedException if interrupted while waiting: the remote work is cancelled
   * @throws PoolBrokenException if the pool cannot go on: the initializer threw remotely, or no
   *     member is left to run the chunk
   */
  Object[] run(long worker, Task<?, ?> task, Object[] items, Throwable[] failures)
      throws InterruptedException;

  /**
   * The worker has exited: its remote thread and values may go.
   *
   * @param worker the pool worker's id
   */
  void workerExited(long worker);

  /** Releases everything opened for the pool; called once, after its last worker exited. */
  @Override
  void close();
}
