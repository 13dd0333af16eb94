package io.poollab.pool;

/**
 * One worker: runs the initializer, then claims chunks until the pool stops it (CLUSTER: a
 * virtual thread that ships each chunk to a member and waits, see {@link ChunkExecutor}; the
 * initializer runs on the member, sent with an empty chunk when the worker starts). A task that
 * throws an {@link Error} fails its item and retires the worker, which is replaced by a fresh one;
 * so does reaching {@link PoolOptions#maxTasksPerWorker()}.
 */
final class Worker implements Runnable {
  private final Dispatcher dispatcher;
  private final long id;
  /** CLUSTER: where this worker ships its chunks; null on the thread backends. */
  private final ChunkExecutor remote;
  private Thread thread;
  private boolean retire;
  private final long maxChunks;
  private long chunksRun;

  Worker(Dispatcher dispatcher, long id) {
    this.dispatcher = dispatcher;
    this.id = id;
    this.remote = dispatcher.remote();
    this.maxChunks = dispatcher.options().maxTasksPerWorker();
  }

  /** The chunks this worker may still run before it is retired. */
  long tasksAllowed() {
    return maxChunks - chunksRun;
  }

  long id() {
    return id;
  }

  /** Whether this worker ships its chunks to a cluster ({@link #runRemotely}) instead of running them. */
  boolean isRemote() {
    return remote != null;
  }

  /**
   * CLUSTER: runs one chunk on a member and waits for it. Returns each item's result, or a {@link
   * Failure} at its place (index {@code first + i}), see {@link RemoteChunk}; never throws, so that the jobs account for
   * every item they claimed. Interrupted (terminate), every item fails with the cancellation; no
   * member left, the pool is broken and every item fails with that.
   */
  RemoteChunk runRemotely(Task<?, ?> task, Object[] items, long first) {
    Object[] outcomes;
    Throwable[] failures = new Throwable[items.length];
    Throwable all = null;
    try {
      clearStaleInterrupt();
      outcomes = remote.run(id, task, items, failures);
    } catch (InterruptedException e) {
      // terminate() interrupted the wait and the executor cancelled the remote chunk; the worker
      // loop reads the state again, so the interrupt is not kept: it would cut short the
      // executor's own clean-up (releasing the worker on its member) that follows
      all = new java.util.concurrent.CancellationException(
          "the chunk was cancelled on its member: the pool was terminated");
      outcomes = new Object[items.length];
    } catch (PoolBrokenException e) {
      dispatcher.broke(e);
      all = e;
      outcomes = new Object[items.length];
    } catch (RuntimeException | Error e) {
      // the engine itself failed for this chunk (a bug, a member that cannot load a class):
      // its items fail with that cause, and the pool goes on
      all = e;
      outcomes = new Object[items.length];
    }
    boolean anyFailed = false;
    for (int i = 0; i < items.length; i++) {
      Throwable error = all != null ? all : failures[i];
      if (error != null) {
        noteFailure(failures[i]); // an Error on the member: this worker, and its thread there, go
        outcomes[i] = new Failure(first + i, error);
        anyFailed = true;
      }
    }
    return new RemoteChunk(outcomes, anyFailed);
  }

  /**
   * What {@link #runRemotely} brings back: each item's result, or a {@link Failure} at its place,
   * and whether any item failed, so that a chunk without failures is taken as a whole instead of
   * looking at each result (a read of every result's header, mostly a cache miss: 8% of the
   * caller's CPU samples in a 1M-word map on two member processes, by JFR).
   *
   * @param outcomes each item's result or {@link Failure}
   * @param anyFailed whether some outcome is a {@link Failure}
   */
  record RemoteChunk(Object[] outcomes, boolean anyFailed) {}

  /**
   * CLUSTER: runs the initializer on this worker's member now, as Python's worker runs it when it
   * starts (an empty chunk, whose request carries the initializer), so that it has run even if no
   * task ever comes and a failing one breaks the pool at once. A worker that later moves to
   * another member (its member died) runs it there again before its next chunk.
   */
  private void initializeRemotely() throws InterruptedException {
    remote.run(id, NoItemsTask.INSTANCE, new Object[0], new Throwable[0]);
  }

  /**
   * The task of the initializing empty chunk: never applied, as the chunk has no items. An enum,
   * not a lambda, so that it reads on a member whatever build of the pool's classes it runs.
   */
  private enum NoItemsTask implements Task<Object, Object> {
    INSTANCE;

    @Override
    public Object apply(Object item) {
      return item;
    }
  }

  void bind(Thread thread) {
    this.thread = thread;
  }

  Thread thread() {
    return thread;
  }

  void interrupt() {
    thread.interrupt();
  }

  /** Clears an interrupt a previous task left behind, unless the pool is being terminated. */
  void clearStaleInterrupt() {
    if (Thread.interrupted() && dispatcher.state() >= Dispatcher.TERMINATED) {
      Thread.currentThread().interrupt();
    }
  }

  /** A task of this worker threw; an Error may have left the thread in a bad state. */
  void noteFailure(Throwable error) {
    if (error instanceof Error) {
      retire = true;
    }
  }

  private static final int EXIT = Integer.MIN_VALUE;

  /**
   * Takes a job and runs one of its chunks. A method of its own so that no reference to the job
   * (and through it to arguments and results) stays on the stack while the worker waits.
   */
  private int runNextChunk() {
    Job job = dispatcher.take();
    if (job == null) {
      return EXIT;
    }
    int outcome = job.runChunk(this);
    if (outcome < 0) {
      dispatcher.unqueue(job, outcome);
    }
    return outcome;
  }

  @Override
  public void run() {
    Runnable initializer = dispatcher.options().initializer();
    if (initializer != null) {
      try {
        if (remote == null) {
          // whatever it throws is the initializer's own exception, a PoolBrokenException too
          // (an initializer that used another pool, which is broken)
          initializer.run();
        } else {
          initializeRemotely();
        }
      } catch (InterruptedException e) {
        // terminate() came while the member ran the initializer: nothing to run any more
        dispatcher.workerExited(this, false);
        return;
      } catch (PoolBrokenException e) {
        dispatcher.workerExited(this, false);
        if (remote == null) {
          dispatcher.initializerFailed(e);
        } else {
          // the executor's verdict: the initializer threw on the member (its exception is the
          // cause), or no member is left
          dispatcher.broke(e);
        }
        return;
      } catch (Throwable error) {
        dispatcher.workerExited(this, false);
        dispatcher.initializerFailed(error);
        return;
      }
    }
    boolean replace = false;
    try {
      for (;;) {
        int outcome = runNextChunk();
        if (outcome == EXIT) {
          return;
        }
        if (outcome < 0) {
          continue;
        }
        chunksRun += outcome;
        if (retire || chunksRun >= maxChunks) {
          replace = true;
          return;
        }
      }
    } catch (Throwable unexpected) {
      replace = true;
      throw unexpected;
    } finally {
      dispatcher.workerExited(this, replace);
    }
  }
}
