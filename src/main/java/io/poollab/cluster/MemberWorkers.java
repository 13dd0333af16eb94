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
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

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

  private final ConcurrentHashMap<String, WorkerThread> workers = new ConcurrentHashMap<>();

  private MemberWorkers() {}

  /**
   * Runs one chunk on the worker's thread and waits for it. Interrupted (the caller cancelled the
   * chunk: terminate), it interrupts the task too.
   */
  byte[] run(String pool, long worker, byte[] payload) throws InterruptedException {
    WorkerThread thread = workers.computeIfAbsent(key(pool, worker), WorkerThread::new);
    AtomicBoolean cancelled = new AtomicBoolean();
    Future<byte[]> chunk;
    try {
      chunk = thread.executor.submit(() -> thread.runChunk(payload, cancelled));
    } catch (RejectedExecutionException e) {
      // released in the meantime (the worker exited, the pool closed): nobody runs it here
      return Wire.encodeKnown(ChunkReply.cannotRun(new CancellationException("the worker was released on this member")));
    }
    try {
      return chunk.get();
    } catch (InterruptedException e) {
      cancelled.set(true); // before the interrupt, so that the chunk knows it for one
      chunk.cancel(true);
      throw e;
    } catch (CancellationException e) {
      // the pool cancelled it (terminate): nobody waits for this reply
      return Wire.encodeKnown(ChunkReply.cannotRun(e));
    } catch (ExecutionException e) {
      return Wire.encodeKnown(ChunkReply.cannotRun(portable(e.getCause())));
    }
  }

  /**
   * The worker exited or its chunk was cancelled (worker id at least 0), or the whole pool closed
   * (worker -1): its thread ends, interrupting a chunk still running (nobody waits for it).
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
   * is cancelled, so that the member thread waiting for it in {@link #run} returns instead of
   * waiting for ever.
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
            Thread thread = new Thread(runnable, "poollab-member-worker-" + key);
            thread.setDaemon(true);
            return thread;
          });
      executor.allowCoreThreadTimeOut(true);
    }

    /**
     * Runs one chunk. {@code cancelled}, or a shut-down executor (the worker was released), is
     * what cancels it: both are set before the interrupt that comes with them, so that an
     * interrupt alone is one that a task left behind, which is cleared before the next item, as
     * on the thread backends, instead of cancelling the rest of the chunk.
     */
    @SuppressWarnings("unchecked")
    byte[] runChunk(byte[] payload, AtomicBoolean cancelled) {
      ChunkRequest request;
      try {
        request = (ChunkRequest) Wire.decode(payload);
      } catch (ClassNotFoundException e) {
        return Wire.encodeKnown(ChunkReply.cannotRun(new IllegalArgumentException(
            "a cluster member cannot load class " + e.getMessage() + ": members run the lab's jar "
            + "(java -cp target/benchmarks.jar io.poollab.cluster.MemberMain); the task's classes "
            + "must be on their class path")));
      } catch (IOException e) {
        return Wire.encodeKnown(ChunkReply.cannotRun(new IllegalArgumentException(
            "a cluster member cannot read the chunk: " + e, e)));
      }
      keptTask = request.task();
      keptInitializer = request.initializer();
      Thread current = Thread.currentThread();
      if (request.initializer() != null && initialized != current) {
        try {
          request.initializer().run();
        } catch (Throwable error) {
          return Wire.encodeKnown(ChunkReply.initializerFailed(portable(error)));
        }
        initialized = current;
      }
      Task<Object, Object> task = (Task<Object, Object>) request.task();
      Object[] items = request.items();
      Object[] results = new Object[items.length];
      Throwable[] failures = null; // made at the first failure: most chunks have none to send
      for (int i = 0; i < items.length; i++) {
        Thread.interrupted(); // left by the previous item; a cancellation the next line sees
        if (cancelled.get() || executor.isShutdown()) {
          failures = failures == null ? new Throwable[items.length] : failures;
          failures[i] = new CancellationException("the chunk was cancelled");
          continue;
        }
        try {
          results[i] = task.apply(items[i]);
        } catch (Throwable error) {
          failures = failures == null ? new Throwable[items.length] : failures;
          failures[i] = error;
        }
      }
      return reply(results, failures);
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
