package io.poollab.pool;

/**
 * A worker's initializer threw, so the pool can run nothing: every pending and later call fails
 * with this, and {@link #getCause()} is the initializer's exception. Python's pool instead
 * respawns the failing workers for ever.
 *
 * <pre>{@code
 * try (Pool pool = Pool.create(Pool.builder().initializer(() -> { throw new IllegalStateException("no db"); }).build())) {
 *   pool.map(x -> x, List.of(1));   // throws PoolBrokenException, cause "no db"
 * }
 * }</pre>
 */
public class PoolBrokenException extends IllegalStateException {

  /**
   * Says why the pool is broken.
   *
   * @param message what happened
   * @param cause the initializer's exception
   */
  public PoolBrokenException(String message, Throwable cause) {
    super(message, cause);
  }
}
