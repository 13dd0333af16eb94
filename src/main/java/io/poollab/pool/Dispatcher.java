package io.poollab.pool;

import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The pool's engine: a queue of jobs, the workers that drain it, and the pool's life cycle
 * (running, shut down, terminated, broken).
 *
 * <p>Waking protocol, so that no submission is ever missed: a worker about to sleep counts
 * itself idle and then looks at the queue again; a submitter puts its job in the queue and then
 * looks at the idle count. Both steps are sequentially consistent, so at least one of the two sees
 * the other. Sleepers wait on a semaphore of wake tokens rather than on a condition, so that
 * waking a thousand virtual workers costs a thousand unparks and no lock hand-offs; a token that
 * arrives after its worker found work by itself only causes one spurious look at the queue.
 */
final class Dispatcher {
  static final int RUNNING = 0;
  static final int SHUT_DOWN = 1;
  static final int TERMINATED = 2;
  static final int BROKEN = 3;

  /** How long an idle platform worker spins before it sleeps: cheap hand-offs for bursts. */
  private static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

  private final PoolOptions options;
  private final long slowdownNanos;
  private final boolean spinWhenIdle;
  private final ConcurrentLinkedQueue<Job> queue = new ConcurrentLinkedQueue<>();
  private final Set<Job> unfinished = ConcurrentHashMap.newKeySet();
  private final Set<Worker> workers = ConcurrentHashMap.newKeySet();
  private final AtomicInteger idle = new AtomicInteger();
  private final AtomicInteger jobsReading = new AtomicInteger();
  private final AtomicLong workerNumbers = new AtomicLong();
  private final ReentrantLock lock = new ReentrantLock();
  private final Semaphore wakeTokens = new Semaphore(0);
  private final Condition workersGone = lock.newCondition();
  private int liveWorkers; // guarded by lock
  private volatile int state = RUNNING;
  private volatile PoolBrokenException brokenBy;
  private final ReaderThreads readers;
  /** CLUSTER: where the workers ship their chunks; null for the thread backends. */
  private ChunkExecutor remote;
  private boolean remoteOpen; // guarded by lock: the executor is open and nobody closes it yet
  private boolean remoteClosed; // guarded by lock: the executor has been closed

  Dispatcher(PoolOptions options, long slowdownNanos) {
    this.options = options;
    this.slowdownNanos = slowdownNanos;
    this.spinWhenIdle = options.backend() == Backend.PLATFORM
        && options.workers() < Runtime.getRuntime().availableProcessors();
    this.readers = new ReaderThreads(options.threadNamePrefix());
  }

  /** The threads that read the lazy calls' inputs. */
  ReaderThreads readers() {
    return readers;
  }

  PoolOptions options() {
    return options;
  }

  long slowdownNanos() {
    return slowdownNanos;
  }

  /** The CLUSTER pool's executor, or null on the thread backends. */
  ChunkExecutor remote() {
    return remote;
  }

  /** CLUSTER: refuses at the call a task that cannot travel to a member. */
  void checkTravels(String name, Object value) {
    if (remote != null) {
      remote.checkTravels(name, value);
    }
  }

  void start() {
    if (options.cluster() != null) {
      // before any worker: an unreachable cluster fails the pool's creation, with nothing to stop
      remote = Checks.notNull("the cluster's executor", options.cluster().open(options));
      remoteOpen = true;
    }
    lock.lock();
    try {
      for (int i = 0; i < options.workers(); i++) {
        startWorker();
      }
    } finally {
      lock.unlock();
    }
  }

  private void startWorker() {
    liveWorkers++;
    Worker worker = new Worker(this, workerNumbers.incrementAndGet());
    String name = options.threadNamePrefix() + worker.id();
    // a CLUSTER worker only waits for its member: a virtual thread costs no OS thread for that
    Thread thread = options.backend() != Backend.PLATFORM
        ? Thread.ofVirtual().name(name).unstarted(worker)
        : Thread.ofPlatform().name(name).daemon(true).unstarted(worker);
    worker.bind(thread);
    workers.add(worker);
    thread.start();
  }

  // ---- submitting

  /** Refuses work unless the pool is running: the error says which state it is in. */
  void checkAccepting() {
    switch (state) {
      case RUNNING -> { }
      case SHUT_DOWN -> throw new IllegalStateException(
          "pool is closed: it accepts no new work after close() or shutdown()");
      case TERMINATED -> throw new IllegalStateException(
          "pool is terminated: it accepts no new work after terminate()");
      default -> throw brokenCopy();
    }
  }

  void submit(Job job) {
    // counted before the state is read: a worker that sees the shut-down state then sees this
    // job too (both sequentially consistent), so it cannot exit and leave the job unrun
    jobsReading.incrementAndGet();
    if (state != RUNNING) {
      if (jobsReading.decrementAndGet() == 0) {
        wakeEveryone();
      }
      checkAccepting();
    }
    unfinished.add(job);
    queue.offer(job);
    wake(job.workersWanted());
    if (state >= TERMINATED) {
      // terminate() or a broken initializer raced with this submission: do not leave it pending
      job.cancel(stopReason());
    }
  }

  /** The job's call has completed: the pool holds no more references to it. */
  void settled(Job job) {
    unfinished.remove(job);
  }

  /** Wakes up to {@code wanted} sleeping workers. */
  private void wake(int wanted) {
    int sleeping = idle.get();
    if (sleeping > 0) {
      wakeTokens.release(Math.min(sleeping, wanted));
    }
  }

  private void wakeEveryone() {
    wakeTokens.release(Math.max(1, idle.get()) + options.workers());
  }

  // ---- the workers' side

  /** The job to work on, waiting for one; null when the worker should exit. */
  Job take() {
    long spinUntil = spinWhenIdle ? System.nanoTime() + SPIN_NANOS : 0;
    for (;;) {
      int now = state;
      if (now >= TERMINATED) {
        return null;
      }
      Job job = queue.peek();
      if (job != null) {
        return job;
      }
      if (now == SHUT_DOWN && jobsReading.get() == 0) {
        return null;
      }
      if (spinUntil != 0 && System.nanoTime() < spinUntil) {
        Thread.onSpinWait();
        continue;
      }
      idle.incrementAndGet();
      try {
        if (queue.isEmpty() && mayWait()) {
          wakeTokens.acquire();
        }
      } catch (InterruptedException e) {
        // terminate() interrupts; the state is read again above
      } finally {
        idle.decrementAndGet();
      }
    }
  }

  private boolean mayWait() {
    int now = state;
    return now == RUNNING || (now == SHUT_DOWN && jobsReading.get() > 0);
  }

  /** A worker found nothing to claim in {@code job}: it leaves the queue, for good or for now. */
  void unqueue(Job job, int outcome) {
    if (outcome == Job.EXHAUSTED) {
      boolean retiredNow;
      synchronized (job) {
        queue.remove(job);
        retiredNow = job.retired.compareAndSet(false, true);
      }
      if (retiredNow && jobsReading.decrementAndGet() == 0 && state == SHUT_DOWN) {
        wakeEveryone();
      }
      return;
    }
    // BLOCKED: park it; the consumer puts it back. The job's monitor makes "scheduled" and "in
    // the queue" change together, so a stale verdict can neither remove an entry the consumer
    // has just put back nor leave a stray one. Re-check after parking so as not to miss a
    // consumer that made room, or closed the iterator, in between: it sees scheduled == false,
    // or we see the room or the end.
    synchronized (job) {
      if (!job.scheduled.get()) {
        return;
      }
      job.scheduled.set(false);
      queue.remove(job);
    }
    if (job.wantsAWorker()) {
      reschedule(job);
    }
  }

  /** Puts a parked job back in the queue (its consumer made room, or it must notice its end). */
  void reschedule(Job job) {
    synchronized (job) {
      if (job.retired.get() || job.scheduled.get()) {
        return;
      }
      job.scheduled.set(true);
      queue.offer(job);
    }
    wake(job.workersWanted());
  }

  /**
   * A lazy job's feeder handed over a chunk, or ended: the job goes (back) in the queue, and
   * sleepers wake for it also when it was queued already, since its workers may all be busy
   * with earlier chunks while another sleeps, and it asked for none when it was submitted
   * (nothing was read yet).
   */
  void chunkReady(Job job) {
    synchronized (job) {
      if (job.retired.get()) {
        return;
      }
      if (!job.scheduled.get()) {
        job.scheduled.set(true);
        queue.offer(job);
      }
    }
    wake(job.workersWanted());
  }

  /** A worker's initializer threw: the pool is broken, once, with that cause. */
  void initializerFailed(Throwable error) {
    broke(new PoolBrokenException("pool is broken: a worker's initializer threw " + error, error));
  }

  /** The pool cannot go on (an initializer threw, no cluster member is left): once, with that cause. */
  void broke(PoolBrokenException broken) {
    lock.lock();
    try {
      if (state >= TERMINATED) {
        return;
      }
      brokenBy = broken;
      state = BROKEN;
    } finally {
      lock.unlock();
    }
    stopEverything(broken);
  }

  /** A worker is exiting; {@code replace} starts a new one in its place if the pool still runs. */
  void workerExited(Worker worker, boolean replace) {
    if (remote != null) {
      remote.workerExited(worker.id());
    }
    lock.lock();
    try {
      workers.remove(worker);
      int now = state;
      if (replace && (now == RUNNING || (now == SHUT_DOWN && jobsReading.get() > 0))) {
        liveWorkers--;
        startWorker();
        return;
      }
      liveWorkers--;
      if (liveWorkers == 0 && remote == null) {
        workersGone.signalAll();
      }
    } finally {
      lock.unlock();
    }
    if (remote != null) {
      closeRemoteIfLast();
    }
  }

  /**
   * Closes the cluster's executor once the last worker has gone (no worker starts after that:
   * the pool is no longer running), and only then lets join() return, so that what the pool
   * started (a client, member processes) has stopped when join() or close() returns.
   */
  private void closeRemoteIfLast() {
    lock.lock();
    try {
      if (liveWorkers > 0 || !remoteOpen) {
        return;
      }
      remoteOpen = false; // this thread closes it; no other will try
    } finally {
      lock.unlock();
    }
    try {
      remote.close();
    } catch (RuntimeException e) {
      options.callbackErrorHandler().accept(e);
    } finally {
      lock.lock();
      try {
        remoteClosed = true;
        workersGone.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  boolean isWorkerThread(Thread thread) {
    for (Worker worker : workers) {
      if (worker.thread() == thread) {
        return true;
      }
    }
    return false;
  }

  // ---- life cycle

  int state() {
    return state;
  }

  void shutdown() {
    lock.lock();
    try {
      if (state == RUNNING) {
        state = SHUT_DOWN;
      }
    } finally {
      lock.unlock();
    }
    wakeEveryone();
  }

  /** Lazy jobs stop reading, so that close() cannot wait for ever on an abandoned iterator. */
  void stopReadingAll() {
    for (Job job : unfinished) {
      job.stopReading();
    }
  }

  void terminate() {
    lock.lock();
    try {
      if (state == TERMINATED) {
        return;
      }
      state = TERMINATED;
    } finally {
      lock.unlock();
    }
    stopEverything(new CancellationException("pool was terminated before this call finished"));
  }

  private void stopEverything(RuntimeException reason) {
    queue.clear();
    for (Job job : unfinished) {
      job.cancel(reason);
    }
    unfinished.clear();
    for (Worker worker : workers) {
      worker.interrupt();
    }
    wakeEveryone();
  }

  private RuntimeException stopReason() {
    return state == BROKEN
        ? brokenCopy()
        : new CancellationException("pool was terminated before this call finished");
  }

  private PoolBrokenException brokenCopy() {
    PoolBrokenException broken = brokenBy;
    return new PoolBrokenException(broken.getMessage(), broken.getCause());
  }

  /** Waits until every worker has exited; false if the timeout passed first. */
  boolean awaitWorkersGone(long nanos) throws InterruptedException {
    lock.lock();
    try {
      while (liveWorkers > 0 || (remote != null && !remoteClosed)) {
        if (nanos <= 0) {
          return false;
        }
        nanos = workersGone.awaitNanos(nanos);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Whether {@code job} is in the queue (for tests of the parking protocol). */
  boolean isQueued(Job job) {
    return queue.contains(job);
  }

  int unfinishedCalls() {
    return unfinished.size();
  }
}
