package io.poollab.pool;

import java.util.concurrent.Callable;

/**
 * A value each worker owns, made once per worker: the Java form of the globals a Python
 * initializer sets. Typical use: one {@code MessageDigest} per worker, reused by every task that
 * worker runs.
 *
 * <pre>{@code
 * WorkerLocal<MessageDigest> digest = WorkerLocal.of(() -> MessageDigest.getInstance("SHA-512"));
 * try (Pool pool = Pool.builder().initializer(digest::initialize).create()) {
 *   pool.map(word -> HexFormat.of().formatHex(digest.get().digest(word.getBytes(UTF_8))), words);
 * }
 * }</pre>
 *
 * <p>{@link #initialize()} in the pool's initializer makes the value when the worker starts, so a
 * failure breaks the pool at once; {@link #get()} makes it on first use otherwise.
 *
 * @param <T> the value type
 */
public final class WorkerLocal<T> {
  private final Callable<? extends T> factory;
  private final ThreadLocal<T> values = new ThreadLocal<>();

  private WorkerLocal(Callable<? extends T> factory) {
    this.factory = factory;
  }

  /**
   * A worker-local value made by {@code factory}.
   *
   * @param factory makes one worker's value; may throw
   * @param <T> the value type
   * @return the worker-local
   */
  public static <T> WorkerLocal<T> of(Callable<? extends T> factory) {
    return new WorkerLocal<>(Checks.notNull("factory", factory));
  }

  /**
   * Makes this worker's value now; meant as (part of) the pool's initializer.
   *
   * @throws IllegalStateException if the factory throws, with its exception as the cause
   */
  public void initialize() {
    values.set(create());
  }

  /**
   * This worker's value, made on first use if {@link #initialize()} did not run.
   *
   * @return the value of the calling worker
   */
  public T get() {
    T value = values.get();
    if (value == null) {
      value = create();
      values.set(value);
    }
    return value;
  }

  private T create() {
    try {
      return factory.call();
    } catch (Exception e) {
      throw new IllegalStateException("WorkerLocal factory failed: " + e, e);
    }
  }
}
