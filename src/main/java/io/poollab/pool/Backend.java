package io.poollab.pool;

/**
 * What a pool's workers are: Python's start "context": threads of this JVM, or a cluster.
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
  VIRTUAL,
  /**
   * Each worker is a virtual thread here that ships its chunk (task and items) to a member of a
   * cluster (other JVMs, on this machine or others) and waits for the chunk's results: isolation
   * and scale-out, like Python's processes. Needs a {@link RemoteBackend}, given with {@link
   * PoolOptions.Builder#cluster(RemoteBackend)}; tasks, initializers, items and results must be
   * {@link java.io.Serializable}. "workers" is the number of chunks in flight across all members.
   * Close the pool (try-with-resources): unlike the thread backends, whose workers are daemon
   * threads, its client's threads keep the JVM alive until it is closed.
   *
   * <pre>{@code
   * Pool pool = Pool.builder().backend(Backend.CLUSTER).cluster(ClusterOptions.localMembers(2)).workers(4).create();
   * }</pre>
   */
  CLUSTER
}
