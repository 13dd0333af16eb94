package io.poollab.bench;

import io.poollab.pool.Backend;

/**
 * The configuration a {@link WordJobImpl} builds its job from.
 *
 * <pre>{@code
 * new WordJobConfig(4, 0, Hashing.NEW_DIGEST);                        // 4 workers, default chunksize
 * new WordJobConfig(2, 0, Hashing.NEW_DIGEST, Backend.CLUSTER, 2);    // on 2 member processes
 * }</pre>
 *
 * @param workers workers, at least 1
 * @param chunksize items per task, or 0 for the implementation's default
 * @param hashing how each worker gets its digest
 * @param backend the pool's backend (the pool's methods; the plain loop ignores it, the peers
 *     run on platform threads only)
 * @param members member processes on {@link Backend#CLUSTER} (0: one per worker); 0 otherwise
 */
public record WordJobConfig(int workers, int chunksize, Hashing hashing, Backend backend, int members) {

  /** Checks the values. */
  public WordJobConfig {
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be >= 1, was " + workers);
    }
    if (chunksize < 0) {
      throw new IllegalArgumentException("chunksize must be >= 1, or 0 for default, was " + chunksize);
    }
    if (hashing == null) {
      throw new IllegalArgumentException("hashing must not be null");
    }
    if (backend == null) {
      throw new IllegalArgumentException("backend must not be null");
    }
    PoolSetup.members(backend, workers, members);
  }

  /**
   * A configuration on platform threads.
   *
   * @param workers workers, at least 1
   * @param chunksize items per task, or 0 for the implementation's default
   * @param hashing how each worker gets its digest
   */
  public WordJobConfig(int workers, int chunksize, Hashing hashing) {
    this(workers, chunksize, hashing, Backend.PLATFORM, 0);
  }

  /** Refuses a chunksize for implementations that split the work themselves. */
  void requireDefaultChunksize(WordJobImpl impl) {
    if (chunksize != 0) {
      throw new IllegalArgumentException(
          impl + " splits the work itself; chunksize must be 'default', was " + chunksize);
    }
  }

  /** Refuses another backend for the peers, which run on platform threads of their own. */
  void requirePlatformThreads(WordJobImpl impl) {
    if (backend != Backend.PLATFORM) {
      throw new IllegalArgumentException(
          impl + " runs on platform threads of its own; backend must be PLATFORM, was " + backend);
    }
  }
}
