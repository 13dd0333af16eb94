package io.poollab.pool;

/**
 * How many tasks (chunks) a worker claims at once: guided self-scheduling. While much work is
 * left a worker takes several chunks per claim, so that chunksize 1 on a long input costs one
 * contended atomic per batch rather than per item; near the end it takes one chunk at a time, so
 * that the load stays balanced. Each chunk still counts as one task for {@link
 * PoolOptions#maxTasksPerWorker()}; how a claim's chunks are handed over is {@link LazyJob}'s.
 */
final class Claims {
  /** The most chunks one claim takes. */
  static final int MAX_BATCH = 64;

  private Claims() {}

  /**
   * The chunks to claim now.
   *
   * @param availableChunks chunks that may be claimed now
   * @param workers the pool's workers
   * @param tasksAllowed the chunks the worker may still run before it retires
   */
  static int batch(long availableChunks, int workers, long tasksAllowed) {
    long share = availableChunks / (4L * workers);
    return (int) Math.max(1, Math.min(Math.min(share, MAX_BATCH), tasksAllowed));
  }

  /** The tasks (chunks) that {@code items} claimed items make up. */
  static int tasks(int items, int chunksize) {
    return (int) ((items + (long) chunksize - 1) / chunksize);
  }
}
