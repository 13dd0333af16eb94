package io.poollab.bench;

import io.poollab.pool.Backend;
import io.poollab.pool.Pool;
import io.poollab.pool.Task;

/**
 * The CPU- vs IO-bound benchmark's {@code impl} param: each value is an implementation under
 * test and the factory of its job. The pool runs on the given backend (threads, or member
 * processes on {@code CLUSTER}); the plain loop ignores it; the peers run on threads of their own
 * and refuse {@code CLUSTER}.
 *
 * <pre>{@code
 * BatchJob<Long, Long> job = CpuIoImpl.POOL_MAP.create(8, 0, Backend.VIRTUAL, 0, task);
 * BatchJob<Long, Long> processes = CpuIoImpl.POOL_MAP.create(100, 0, Backend.CLUSTER, 2, task);
 * }</pre>
 */
public enum CpuIoImpl {
  /** The plain loop. */
  SERIAL {
    @Override
    public BatchJob<Long, Long> create(
        int workers, int chunksize, Backend backend, int members, Task<Long, Long> task) {
      return Jobs.serial(task);
    }
  },
  /** {@code pool.map} on the given backend. */
  POOL_MAP {
    @Override
    public BatchJob<Long, Long> create(
        int workers, int chunksize, Backend backend, int members, Task<Long, Long> task) {
      Pool pool = PoolSetup.builder(backend, workers, members).create();
      return Jobs.pool(pool, workers, Jobs.PoolMethod.MAP, task, chunksize);
    }
  },
  /** Peer: a parallel stream in a ForkJoinPool of {@code workers}. */
  FORKJOIN_STREAM {
    @Override
    public BatchJob<Long, Long> create(
        int workers, int chunksize, Backend backend, int members, Task<Long, Long> task) {
      requireThreads(backend);
      return Jobs.forkJoinStream(workers, task);
    }
  },
  /** Peer: chunked {@code invokeAll} on a fixed platform-thread pool. */
  EXECUTOR_INVOKE_ALL {
    @Override
    public BatchJob<Long, Long> create(
        int workers, int chunksize, Backend backend, int members, Task<Long, Long> task) {
      requireThreads(backend);
      return Jobs.fixedInvokeAll(workers, chunksize, task);
    }
  },
  /** Peer: one virtual thread per item; {@code workers} plays no part. */
  VIRTUAL_PER_TASK {
    @Override
    public BatchJob<Long, Long> create(
        int workers, int chunksize, Backend backend, int members, Task<Long, Long> task) {
      requireThreads(backend);
      return Jobs.virtualPerTask(task);
    }
  };

  /**
   * Makes the job (its pool or executor started; a {@code CLUSTER} pool's member processes too).
   *
   * @param workers workers, at least 1
   * @param chunksize items per task, or 0 for the default
   * @param backend the pool's backend (pool implementations only)
   * @param members member processes on {@code CLUSTER}, 0 for one per worker; 0 otherwise
   * @param task the per-item task
   * @return the job; close it to stop its threads
   */
  public abstract BatchJob<Long, Long> create(
      int workers, int chunksize, Backend backend, int members, Task<Long, Long> task);

  /** Refuses {@code CLUSTER} for a peer, which would run on this JVM's threads under its label. */
  void requireThreads(Backend backend) {
    if (backend == Backend.CLUSTER) {
      throw new IllegalArgumentException(
          this + " runs on threads of this JVM; backend must be PLATFORM or VIRTUAL, was CLUSTER");
    }
  }
}
