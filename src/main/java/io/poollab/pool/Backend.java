package io.poollab.pool;

/**
 * What a pool's workers are: Python's start "context", for threads.
 *
 * <pre>{@code
 * Pool io = Pool.create(Pool.builder().backend(Backend.VIRTUAL).workers(1_000).build());
 * }</pre>
 */
public enum Backend {
  /** One platform (OS) thread per worker: for CPU-bound work, with workers near the core count. */
  PLATFORM,
  /**
   * One virtual thread per worker: for IO-bound work, where "workers" is the concurrency limit
   * and may be in the thousands; a blocked task costs no OS thread.
   */
  VIRTUAL
}
