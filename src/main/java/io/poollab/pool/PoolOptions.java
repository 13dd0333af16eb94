package io.poollab.pool;

import java.util.function.Consumer;

/**
 * How a pool is built: Python's {@code Pool(processes, initializer, initargs, maxtasksperchild,
 * context)}, checked when built: a bad value, null included, is an {@link
 * IllegalArgumentException} that names the option, the value and what is allowed (Python's
 * {@code ValueError}), from the builder's setter or from this record's constructor.
 *
 * <pre>{@code
 * WorkerLocal<MessageDigest> digest = WorkerLocal.of(() -> MessageDigest.getInstance("SHA-512"));
 * PoolOptions options = Pool.builder()
 *     .workers(8)                      // default: available processors
 *     .initializer(digest::initialize) // runs once on each worker before its first task
 *     .maxTasksPerWorker(10_000)       // retire and replace a worker after that many chunks
 *     .build();
 * }</pre>
 *
 * @param workers the number of workers, at least 1; for {@link Backend#VIRTUAL} the concurrency
 *     limit, which may be in the thousands
 * @param backend the kind of worker thread
 * @param initializer runs once on each worker (and on each replacement) before its first task;
 *     null for none. If it throws, the pool is broken: see {@link PoolBrokenException}
 * @param maxTasksPerWorker the chunks a worker runs before it is retired and replaced, at least 1;
 *     {@link #UNLIMITED} (the default) for never
 * @param threadNamePrefix the worker threads' names are this prefix and a number
 * @param readAhead how many items {@code imap}/{@code imapUnordered} read from their input ahead
 *     of the consumer, at least 1; a call raises it to {@code 2 * workers * chunksize} so that
 *     every worker can be busy
 * @param callbackErrorHandler receives what a callback or progress listener threw
 * @param cluster where a {@link Backend#CLUSTER} pool runs its chunks; null for the thread
 *     backends, required for {@code CLUSTER}
 */
public record PoolOptions(
    int workers,
    Backend backend,
    Runnable initializer,
    long maxTasksPerWorker,
    String threadNamePrefix,
    int readAhead,
    Consumer<Throwable> callbackErrorHandler,
    RemoteBackend cluster) {

  /** {@link #maxTasksPerWorker()} for workers that are never retired. */
  public static final long UNLIMITED = Long.MAX_VALUE;

  /** The default {@link #readAhead()}. */
  public static final int DEFAULT_READ_AHEAD = 1024;

  /** Checks every option; see the class comment for what is allowed. */
  public PoolOptions {
    Checks.atLeastOne("workers", workers);
    // IllegalArgumentException for a null too, as the builder's setters and every call of the
    // pool throw: one exception type for every bad argument, whichever way the options are made
    Checks.notNull("backend", backend);
    Checks.atLeastOne("maxTasksPerWorker", maxTasksPerWorker);
    Checks.notNull("threadNamePrefix", threadNamePrefix);
    Checks.atLeastOne("readAhead", readAhead);
    Checks.notNull("callbackErrorHandler", callbackErrorHandler);
    if (backend == Backend.CLUSTER && cluster == null) {
      throw new IllegalArgumentException("backend CLUSTER needs a cluster: "
          + "Pool.builder().backend(Backend.CLUSTER).cluster(ClusterOptions.localMembers(2))");
    }
    if (backend != Backend.CLUSTER && cluster != null) {
      throw new IllegalArgumentException(
          "cluster is only for backend CLUSTER, got backend " + backend + " with cluster " + cluster);
    }
  }

  /**
   * Options of a thread backend (no cluster).
   *
   * @param workers the number of workers
   * @param backend {@link Backend#PLATFORM} or {@link Backend#VIRTUAL}
   * @param initializer the per-worker initializer, or null
   * @param maxTasksPerWorker chunks per worker before it is replaced
   * @param threadNamePrefix the worker threads' name prefix
   * @param readAhead the lazy calls' read-ahead
   * @param callbackErrorHandler receives what callbacks threw
   */
  public PoolOptions(
      int workers, Backend backend, Runnable initializer, long maxTasksPerWorker,
      String threadNamePrefix, int readAhead, Consumer<Throwable> callbackErrorHandler) {
    this(workers, backend, initializer, maxTasksPerWorker, threadNamePrefix, readAhead,
        callbackErrorHandler, null);
  }

  /**
   * The defaults: one platform-thread worker per available processor, no initializer, workers
   * never retired.
   *
   * @return the default options
   */
  public static PoolOptions defaults() {
    return new Builder().build();
  }

  /**
   * A builder that starts from these options.
   *
   * @return a builder
   */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Builds {@link PoolOptions}; each setter checks its value at once.
   *
   * <pre>{@code
   * Pool pool = Pool.builder().workers(4).backend(Backend.VIRTUAL).create();
   * }</pre>
   */
  public static final class Builder {
    private int workers = Runtime.getRuntime().availableProcessors();
    private Backend backend = Backend.PLATFORM;
    private Runnable initializer;
    private long maxTasksPerWorker = UNLIMITED;
    private String threadNamePrefix = "pool-worker-";
    private int readAhead = DEFAULT_READ_AHEAD;
    private Consumer<Throwable> callbackErrorHandler = CallbackErrors::logToStandardError;
    private RemoteBackend cluster;

    /** Starts from the defaults. */
    public Builder() {}

    private Builder(PoolOptions from) {
      workers = from.workers;
      backend = from.backend;
      initializer = from.initializer;
      maxTasksPerWorker = from.maxTasksPerWorker;
      threadNamePrefix = from.threadNamePrefix;
      readAhead = from.readAhead;
      callbackErrorHandler = from.callbackErrorHandler;
      cluster = from.cluster;
    }

    /**
     * Sets the number of workers.
     *
     * @param workers at least 1
     * @return this builder
     */
    public Builder workers(int workers) {
      this.workers = Checks.atLeastOne("workers", workers);
      return this;
    }

    /**
     * Sets the backend.
     *
     * @param backend platform or virtual threads
     * @return this builder
     */
    public Builder backend(Backend backend) {
      this.backend = Checks.notNull("backend", backend);
      return this;
    }

    /**
     * Sets the per-worker initializer, for example {@code digest::initialize} of a
     * {@link WorkerLocal}.
     *
     * @param initializer runs once on each worker; null for none
     * @return this builder
     */
    public Builder initializer(Runnable initializer) {
      this.initializer = initializer;
      return this;
    }

    /**
     * Retires and replaces each worker after it has run this many chunks.
     *
     * @param maxTasksPerWorker at least 1
     * @return this builder
     */
    public Builder maxTasksPerWorker(long maxTasksPerWorker) {
      this.maxTasksPerWorker = Checks.atLeastOne("maxTasksPerWorker", maxTasksPerWorker);
      return this;
    }

    /**
     * Sets the worker threads' name prefix.
     *
     * @param threadNamePrefix the prefix; a number follows it
     * @return this builder
     */
    public Builder threadNamePrefix(String threadNamePrefix) {
      this.threadNamePrefix = Checks.notNull("threadNamePrefix", threadNamePrefix);
      return this;
    }

    /**
     * Sets how far the lazy iterators read ahead of their consumer.
     *
     * @param readAhead items, at least 1
     * @return this builder
     */
    public Builder readAhead(int readAhead) {
      this.readAhead = Checks.atLeastOne("readAhead", readAhead);
      return this;
    }

    /**
     * Sets where the failures of callbacks and progress listeners go (default: standard error).
     *
     * @param callbackErrorHandler the handler
     * @return this builder
     */
    public Builder callbackErrorHandler(Consumer<Throwable> callbackErrorHandler) {
      this.callbackErrorHandler = Checks.notNull("callbackErrorHandler", callbackErrorHandler);
      return this;
    }

    /**
     * Sets where a {@link Backend#CLUSTER} pool runs its chunks. Its initializer, tasks, items
     * and results must be {@link java.io.Serializable}: write the initializer as {@code
     * (Runnable & Serializable) digest::initialize}.
     *
     * <pre>{@code
     * Pool.builder().backend(Backend.CLUSTER).cluster(ClusterOptions.connect("10.0.0.5:5701")).workers(32).create();
     * }</pre>
     *
     * @param cluster the remote backend, for example an {@code io.poollab.cluster.ClusterOptions}
     * @return this builder
     */
    public Builder cluster(RemoteBackend cluster) {
      this.cluster = Checks.notNull("cluster", cluster);
      return this;
    }

    /**
     * Builds the options.
     *
     * @return the options
     */
    public PoolOptions build() {
      return new PoolOptions(
          workers, backend, initializer, maxTasksPerWorker, threadNamePrefix, readAhead,
          callbackErrorHandler, cluster);
    }

    /**
     * Builds the options and starts a pool with them.
     *
     * @return the new pool
     */
    public Pool create() {
      return Pool.create(build());
    }
  }
}
