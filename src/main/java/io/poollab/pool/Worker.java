package io.poollab.pool;

/**
 * One worker: runs the initializer, then claims chunks until the pool stops it. A task that
 * throws an {@link Error} fails its item and retires the worker, which is replaced by a fresh one;
 * so does reaching {@link PoolOptions#maxTasksPerWorker()}.
 */
final class Worker implements Runnable {
  private final Dispatcher dispatcher;
  private Thread thread;
  private boolean retire;
  private final long maxChunks;
  private long chunksRun;

  Worker(Dispatcher dispatcher) {
    this.dispatcher = dispatcher;
    this.maxChunks = dispatcher.options().maxTasksPerWorker();
  }

  /** The chunks this worker may still run before it is retired. */
  long tasksAllowed() {
    return maxChunks - chunksRun;
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
        initializer.run();
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
