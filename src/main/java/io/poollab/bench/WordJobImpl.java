package io.poollab.bench;

import io.poollab.pool.Pool;
import io.poollab.pool.PoolOptions;
import io.poollab.pool.Task;

/**
 * The word job's {@code impl} param: each value is an implementation under test and the factory
 * of its job (the caffeine benchmarks' pattern). The pool's methods run on the configuration's
 * backend (threads, or member processes on {@code CLUSTER}); the plain loop ignores it; the peers
 * run on platform threads of their own and refuse another backend.
 *
 * <pre>{@code
 * try (BatchJob<String, String> job = WordJobImpl.POOL_IMAP_UNORDERED.create(new WordJobConfig(4, 100, Hashing.NEW_DIGEST))) {
 *   job.run(words);
 * }
 * }</pre>
 */
public enum WordJobImpl {
  /** The plain loop: the baseline of every speed-up (on the calling thread, whatever the backend). */
  SERIAL {
    @Override
    public BatchJob<String, String> create(WordJobConfig c) {
      return Jobs.serial(c.hashing().threadLocalTask());
    }
  },
  /** {@code pool.map}. */
  POOL_MAP {
    @Override
    public BatchJob<String, String> create(WordJobConfig c) {
      return pool(c, Jobs.PoolMethod.MAP);
    }
  },
  /** {@code pool.imap}, drained. */
  POOL_IMAP {
    @Override
    public BatchJob<String, String> create(WordJobConfig c) {
      return pool(c, Jobs.PoolMethod.IMAP);
    }
  },
  /** {@code pool.imapUnordered}, drained. */
  POOL_IMAP_UNORDERED {
    @Override
    public BatchJob<String, String> create(WordJobConfig c) {
      return pool(c, Jobs.PoolMethod.IMAP_UNORDERED);
    }
  },
  /** {@code pool.mapAsync(...).get()}. */
  POOL_MAP_ASYNC {
    @Override
    public BatchJob<String, String> create(WordJobConfig c) {
      return pool(c, Jobs.PoolMethod.MAP_ASYNC);
    }
  },
  /** One {@code pool.applyAsync} per chunk. */
  POOL_APPLY_ASYNC {
    @Override
    public BatchJob<String, String> create(WordJobConfig c) {
      return pool(c, Jobs.PoolMethod.APPLY_ASYNC);
    }
  },
  /** Peer: a parallel stream in a ForkJoinPool of {@code workers}. */
  FORKJOIN_STREAM {
    @Override
    public BatchJob<String, String> create(WordJobConfig c) {
      c.requireDefaultChunksize(this);
      c.requirePlatformThreads(this);
      return Jobs.forkJoinStream(c.workers(), c.hashing().threadLocalTask());
    }
  },
  /** Peer: chunked {@code invokeAll} on a fixed thread pool. */
  EXECUTOR_INVOKE_ALL {
    @Override
    public BatchJob<String, String> create(WordJobConfig c) {
      c.requirePlatformThreads(this);
      return Jobs.fixedInvokeAll(c.workers(), c.chunksize(), c.hashing().threadLocalTask());
    }
  },
  /** The hand-written ideal: threads pulling chunks of 1000 from one atomic counter. */
  HAND_WRITTEN_IDEAL {
    @Override
    public BatchJob<String, String> create(WordJobConfig c) {
      c.requireDefaultChunksize(this);
      c.requirePlatformThreads(this);
      return Jobs.handWrittenChunks(c.workers(), c.hashing().threadLocalTask());
    }
  },
  /** Peer: parallel-collectors, batching on a fixed executor. */
  PARALLEL_COLLECTORS {
    @Override
    public BatchJob<String, String> create(WordJobConfig c) {
      c.requireDefaultChunksize(this);
      c.requirePlatformThreads(this);
      return Jobs.parallelCollectors(c.workers(), c.hashing().threadLocalTask());
    }
  };

  /**
   * Makes the job (its pool or executor started).
   *
   * @param config workers, chunksize and hashing
   * @return the job; close it to stop its threads
   */
  public abstract BatchJob<String, String> create(WordJobConfig config);

  private static BatchJob<String, String> pool(WordJobConfig c, Jobs.PoolMethod method) {
    PoolOptions.Builder options = PoolSetup.builder(c.backend(), c.workers(), c.members());
    Task<String, String> task = c.hashing().poolTask(options);
    return Jobs.pool(Pool.create(options.build()), c.workers(), method, task, c.chunksize());
  }
}
