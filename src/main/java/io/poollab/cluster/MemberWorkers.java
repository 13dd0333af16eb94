package io.poollab.cluster;

import io.poollab.pool.Task;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.UncheckedIOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A member's side of the pool's workers: each pool worker (pool id and worker id) runs its chunks
 * on one thread of its own here, which runs the pool's initializer once before its first chunk,
 * so that a {@code WorkerLocal} set by the initializer is there for every task of that worker.
 *
 * <p>A worker's thread ends when the pool says the worker exited, when the pool closes, or after
 * {@link #IDLE_SECONDS} idle (a pool whose caller died); a later chunk of the same worker then
 * gets a fresh thread, which runs the initializer again, as a replaced worker would. A pool idle
 * that long between two calls therefore sees its initializer run again on its members.
 */
final class MemberWorkers {
  /** One per JVM: members started in one JVM (tests) share it, keyed by pool and worker. */
  static final MemberWorkers INSTANCE = new MemberWorkers();

  /** Long enough that a pool between two calls keeps its workers' values; short enough that a dead caller's threads go. */
  static final long IDLE_SECONDS = 600;

  /**
   * The items of a chunk's first part of results: few, so that its size, which sizes the next
   * parts, is known soon, whatever one result weighs.
   */
  static final int FIRST_PART_ITEMS = 16;
  /**
   * About how many bytes a part of results should take: a small part of a large chunk, so that
   * results travel while the member works on the rest; large enough that a part's round trip
   * costs little next to its results. Whatever it weighs, a part costs about 0.7 ms of CPU in the
   * member's Hazelcast threads and 0.25 ms in the caller's: the word job on two member processes
   * (Intel Xeon 2-vCPU VM, maps 10-21) took 1.30-1.53 s a map with parts of 1.5 MB and 1.46-1.50 s
   * with 4 MB, against 1.61-1.72 s with parts of 384 KB that stayed below G1's humongous size on
   * the caller; the caller's collector did not take longer for the humongous parts (G1 reclaims a
   * dead one at the next young collection).
   */
  static final int PART_BYTES = 4 * 1024 * 1024;
  /** The most items in one part, whatever they weigh. */
  static final int MAX_PART_ITEMS = 64 * 1024;

  private final ConcurrentHashMap<String, WorkerThread> workers = new ConcurrentHashMap<>();

  private MemberWorkers() {}

  /**
   * Starts one chunk on the worker's thread and waits for its first part of results (see {@link
   * ChunkParts}); {@link #part} hands over the others. Interrupted (the caller cancelled the chunk:
   * terminate), it interrupts the task too.
   *
   * @param chunk the caller's id of this chunk, which {@link #part} asks for
   */
  byte[] run(String pool, long worker, long chunk, byte[] payload) throws InterruptedException {
    WorkerThread thread = workers.computeIfAbsent(key(pool, worker), WorkerThread::new);
    ChunkParts parts = new ChunkParts(chunk);
    FutureTask<Void> running = new FutureTask<>(() -> {
      thread.runChunk(payload, parts);
      return null;
    }) {
      @Override
      protected void done() {
        // completed, failed, or cancelled before it ran (its worker released): the stream ends
        parts.end(isCancelled() ? new CancellationException("the worker was released on this member")
            : failure(this));
      }
    };
    parts.runningAs(running);
    synchronized (thread) {
      ChunkParts previous = thread.current;
      if (previous != null && previous.chunk() > chunk) {
        // a copy of an older chunk that arrived late (the caller already sent it again): not run
        return Wire.encodeKnown(ChunkReply.cannotRun(new CancellationException("chunk " + chunk
            + " was sent again (as chunk " + previous.chunk() + ") before it arrived here")));
      }
      try {
        thread.executor.execute(running);
      } catch (RejectedExecutionException e) {
        // released in the meantime (the worker exited, the pool closed): nobody runs it here
        return Wire.encodeKnown(ChunkReply.cannotRun(new CancellationException("the worker was released on this member")));
      }
      thread.current = parts;
      if (previous != null && previous.chunk() != chunk) {
        // the caller has one chunk in flight per worker: a newer one means the rest of the last is not wanted
        previous.cancel();
      }
    }
    try {
      return partOrWhyNot(parts, 0);
    } catch (InterruptedException e) {
      parts.cancel();
      throw e;
    }
  }

  /**
   * Waits for part {@code index} (from 1) of the worker's chunk {@code chunk} and hands it over; a
   * chunk that is not the worker's current one here (its worker was released, or this member
   * restarted) answers that it cannot run.
   */
  byte[] part(String pool, long worker, long chunk, int index) throws InterruptedException {
    WorkerThread thread = workers.get(key(pool, worker));
    ChunkParts parts = thread == null ? null : thread.current;
    if (parts == null || parts.chunk() != chunk) {
      return Wire.encodeKnown(ChunkReply.cannotRun(new CancellationException("the results of chunk "
          + chunk + " are gone from this member: its worker was released, idle, or sent a newer chunk")));
    }
    try {
      return partOrWhyNot(parts, index);
    } catch (InterruptedException e) {
      parts.cancel();
      throw e;
    }
  }

  private static byte[] partOrWhyNot(ChunkParts parts, int index) throws InterruptedException {
    byte[] part = parts.take(index);
    return part != null ? part : Wire.encodeKnown(ChunkReply.cannotRun(portable(parts.endReason())));
  }

  /** What made a completed chunk's run throw (outside its items), or null if it did not. */
  private static Throwable failure(FutureTask<?> done) {
    try {
      done.get();
      return null;
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (InterruptedException | CancellationException e) {
      return e; // not reached: done() runs after completion
    }
  }

  /**
   * The worker exited or its chunk was cancelled (worker id at least 0), or the whole pool closed
   * (worker -1): its thread ends, interrupting a chunk still running (whose caller no longer
   * waits for its results).
   */
  void release(String pool, long worker) {
    if (worker >= 0) {
      WorkerThread thread = workers.remove(key(pool, worker));
      if (thread != null) {
        stop(thread);
      }
      return;
    }
    String prefix = pool + "/";
    workers.entrySet().removeIf(entry -> {
      if (entry.getKey().startsWith(prefix)) {
        stop(entry.getValue());
        return true;
      }
      return false;
    });
  }

  /**
   * Ends a worker's thread: the running chunk is interrupted, and a chunk still queued behind it
   * is cancelled, which ends its {@link ChunkParts}, so that the member thread waiting for it in
   * {@link #run} returns instead of waiting for ever.
   */
  private static void stop(WorkerThread thread) {
    for (Runnable queued : thread.executor.shutdownNow()) {
      if (queued instanceof Future<?> future) {
        future.cancel(false);
      }
    }
  }

  /** Chunks waiting behind the running one on a worker's thread (for tests). */
  int queued(String pool, long worker) {
    WorkerThread thread = workers.get(key(pool, worker));
    return thread == null ? 0 : thread.executor.getQueue().size();
  }

  /** Worker threads alive for a pool (for tests). */
  int workerCount(String pool) {
    String prefix = pool + "/";
    return (int) workers.keySet().stream().filter(k -> k.startsWith(prefix)).count();
  }

  /**
   * The items of the next part, from the bytes the last part of {@code items} took: at most four
   * times as many, so that a few light results first do not make one part of many heavy ones.
   */
  static int nextPartItems(int items, int bytes) {
    long next = (long) PART_BYTES * Math.max(items, 1) / Math.max(bytes, 1);
    next = Math.min(next, 4L * Math.max(items, 1));
    return (int) Math.max(1, Math.min(MAX_PART_ITEMS, next));
  }

  private static String key(String pool, long worker) {
    return pool + "/" + worker;
  }

  /** An exception that can travel back: itself, or its class, message and stack as a stand-in. */
  static Throwable portable(Throwable error) {
    try {
      Wire.encode(error);
      return error;
    } catch (IOException e) {
      RuntimeException standIn = new RuntimeException(
          error.getClass().getName() + ": " + error.getMessage()
          + " (the original exception is not serializable)");
      standIn.setStackTrace(error.getStackTrace());
      return standIn;
    }
  }

  /** One pool worker's thread on this member. */
  private static final class WorkerThread {
    final ThreadPoolExecutor executor;
    /**
     * The results of the worker's latest chunk, as {@link #part} hands them over; set under this
     * object's lock, and dropped, once the chunk ended, when the thread ends (idle or released),
     * so that parts a dead caller never took go with it.
     */
    volatile ChunkParts current;
    /** The thread the initializer last ran on; only that thread reads and writes it. */
    private Thread initialized;
    /**
     * The last chunk's task and initializer, held while the worker lives: a {@code WorkerLocal}
     * that arrives in a copy resolves to this JVM's instance only while something keeps that
     * instance alive, and between chunks nothing else does (after a collection the next chunk
     * would get a fresh instance, and the initializer's value would be lost).
     */
    private Object keptTask;
    private Object keptInitializer;

    WorkerThread(String key) {
      executor = new ThreadPoolExecutor(1, 1, IDLE_SECONDS, TimeUnit.SECONDS,
          new LinkedBlockingQueue<>(), runnable -> {
            Thread thread = new Thread(() -> {
              try {
                runnable.run();
              } finally {
                dropEndedChunk();
              }
            }, "poollab-member-worker-" + key);
            thread.setDaemon(true);
            return thread;
          });
      executor.allowCoreThreadTimeOut(true);
    }

    /** The thread ends: the last chunk's parts go, unless that chunk still runs (a new thread runs it). */
    private synchronized void dropEndedChunk() {
      ChunkParts last = current;
      if (last != null && last.ended()) {
        current = null;
      }
    }

    /**
     * Runs one chunk, publishing its results in parts as it goes. {@link ChunkParts#cancel()}, or
     * a shut-down executor (the worker was released), is what cancels it: both are set before the
     * interrupt that comes with them, so that an interrupt alone is one that a task left behind,
     * which is cleared before the next item, as on the thread backends, instead of cancelling the
     * rest of the chunk.
     */
    @SuppressWarnings("unchecked")
    void runChunk(byte[] payload, ChunkParts parts) {
      ChunkRequest request;
      try {
        request = (ChunkRequest) Wire.decode(payload);
      } catch (ClassNotFoundException e) {
        parts.add(Wire.encodeKnown(ChunkReply.cannotRun(new IllegalArgumentException(
            "a cluster member cannot load class " + e.getMessage() + ": members run the lab's jar "
            + "(java -cp target/benchmarks.jar io.poollab.cluster.MemberMain); the task's classes "
            + "must be on their class path"))));
        return;
      } catch (IOException e) {
        parts.add(Wire.encodeKnown(ChunkReply.cannotRun(new IllegalArgumentException(
            "a cluster member cannot read the chunk: " + e, e))));
        return;
      }
      keptTask = request.task();
      keptInitializer = request.initializer();
      Thread current = Thread.currentThread();
      if (request.initializer() != null && initialized != current) {
        try {
          request.initializer().run();
        } catch (Throwable error) {
          parts.add(Wire.encodeKnown(ChunkReply.initializerFailed(portable(error))));
          return;
        }
        initialized = current;
      }
      Task<Object, Object> task = (Task<Object, Object>) request.task();
      Object[] items = request.items();
      int partItems = FIRST_PART_ITEMS;
      int from = 0;
      do {
        int to = Math.min(items.length, from + partItems);
        Object[] results = new Object[to - from];
        Throwable[] failures = null; // made at the first failure: most parts have none to send
        for (int i = from; i < to; i++) {
          Thread.interrupted(); // left by the previous item; a cancellation the next line sees
          if (parts.isCancelled() || executor.isShutdown()) {
            failures = failures == null ? new Throwable[results.length] : failures;
            failures[i - from] = new CancellationException("the chunk was cancelled");
            continue;
          }
          try {
            results[i - from] = task.apply(items[i]);
          } catch (Throwable error) {
            failures = failures == null ? new Throwable[results.length] : failures;
            failures[i - from] = error;
          }
          items[i] = null; // done with: its memory can go while the chunk goes on
        }
        byte[] part = reply(results, failures);
        parts.add(part);
        partItems = nextPartItems(results.length, part.length);
        from = to;
      } while (from < items.length);
    }

    /**
     * The reply; a result or exception that cannot travel fails its own item, not the chunk.
     * {@code failures} is null when no item failed.
     */
    private static byte[] reply(Object[] results, Throwable[] failures) {
      try {
        return Wire.encode(new ChunkReply(results, failures, null, null), results);
      } catch (IOException whole) {
        failures = failures == null ? new Throwable[results.length] : failures;
        for (int i = 0; i < results.length; i++) {
          if (failures[i] != null) {
            failures[i] = portable(failures[i]);
          } else if (results[i] != null) {
            try {
              Wire.encode(results[i]);
            } catch (NotSerializableException | InvalidClassException e) {
              results[i] = null;
              failures[i] = Wire.notSerializable("the result cannot travel back from its member", e,
                  "a cluster pool's results must be serializable");
            } catch (IOException e) {
              results[i] = null;
              failures[i] = new IllegalArgumentException("the result cannot travel back: " + e);
            }
          }
        }
        try {
          return Wire.encode(new ChunkReply(results, failures, null, null), results);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }
}
