package io.poollab.pool;

/**
 * Where a {@link Backend#CLUSTER} pool runs its chunks: the one seam between the pool and a
 * remote engine (the pool itself never knows which). The pool opens it once when it starts and
 * closes what it opened once its last worker has exited; everything else (claiming chunks,
 * ordering, callbacks, lazy iterators and their read-ahead, progress, terminate) stays the pool's.
 *
 * <pre>{@code
 * try (Pool pool = Pool.builder().backend(Backend.CLUSTER).cluster(ClusterOptions.localMembers(2)).create()) {
 *   pool.map(x -> x * x, List.of(1, 2, 3));   // runs on two member JVMs
 * }
 * }</pre>
 *
 * <p>{@code io.poollab.cluster.ClusterOptions} is the implementation on Hazelcast.
 */
public interface RemoteBackend {

  /**
   * Connects for one pool; called once, when the pool is created, before any worker starts.
   *
   * @param options the pool's options (the initializer travels with each worker's chunks; each
   *     worker sends an empty chunk when it starts, so that it runs then)
   * @return the executor the pool's workers ship their chunks through
   * @throws IllegalArgumentException if the initializer cannot travel
   * @throws IllegalStateException if the remote side cannot be reached (the message names where)
   */
  ChunkExecutor open(PoolOptions options);
}
