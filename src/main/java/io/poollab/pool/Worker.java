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

  Worker(Dispatcher dispatcher) {
    this.dispatcher = dispatcher;
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

  /** A task of this worker threw; an Error may have left the thread in a bad state. */
  void noteFailure(Throwable error) {
    if (error instanceof Error) {
      retire = true;
    }
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
    long maxChunks = dispatcher.options().maxTasksPerWorker();
    long chunksRun = 0;
    boolean replace = false;
    try {
      for (;;) {
        Job job = dispatcher.take();
        if (job == null) {
          return;
        }
        int outcome = job.runChunk(this);
        if (outcome != Job.RAN) {
          dispatcher.unqueue(job, outcome);
          continue;
        }
        if (dispatcher.state() < Dispatcher.TERMINATED) {
          Thread.interrupted(); // a task's leftover interrupt must not reach the next task
        }
        if (retire || ++chunksRun >= maxChunks) {
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
