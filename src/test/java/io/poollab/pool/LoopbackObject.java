package io.poollab.pool;

import java.io.Serial;
import java.io.Serializable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * What {@link LoopbackLatch} and {@link LoopbackList} share: an object that stays in the JVM that
 * made it, while the copies that tasks carry to other JVMs reach it over a loopback socket (see
 * {@link LoopbackEndpoints}). The original registers itself when it is first copied, so that
 * nothing listens on a port for tests that never send one away.
 */
abstract class LoopbackObject implements Serializable {
  @Serial
  private static final long serialVersionUID = 1L;

  /** The threads that make the calls of {@link #callUninterruptibly}: daemons, never keeping a JVM up. */
  private static final ExecutorService CALLERS = Executors.newCachedThreadPool(
      Thread.ofPlatform().daemon(true).name("loopback-call-", 0).factory());

  /** Where a copy finds the original: 0 until the original is first copied. */
  private volatile long id;
  private int port;

  /** The state that copies reach: the original's own; null in a copy. */
  abstract Object state();

  /** Calls the original from a copy; see {@link LoopbackEndpoints#call}. */
  final long call(byte op, long argument, String text) throws InterruptedException {
    return LoopbackEndpoints.call(port, id, op, argument, text);
  }

  /**
   * {@link #call} for an operation that does not wait (count down, add, read), made on a thread
   * of its own: an interrupt of the caller (a pool that terminates just as its task counts down)
   * must not cut it short after the original has done it, and lose its answer, as none cuts
   * {@link java.util.concurrent.CountDownLatch#countDown()} short. The caller's interrupt stays.
   */
  final long callUninterruptibly(byte op, long argument, String text) {
    try {
      return CompletableFuture.supplyAsync(() -> {
        try {
          return call(op, argument, text);
        } catch (InterruptedException e) {
          throw new IllegalStateException("a loopback caller thread was interrupted", e);
        }
      }, CALLERS).join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  /** The original registers its state when it is first copied; a copy keeps the address. */
  @Serial
  final synchronized Object writeReplace() {
    if (state() != null && id == 0) {
      port = LoopbackEndpoints.port();
      id = LoopbackEndpoints.register(state());
    }
    return this;
  }

  @Override
  public String toString() {
    String where = state() != null ? String.valueOf(state()) : "copy of " + id + " on port " + port;
    return getClass().getSimpleName() + "[" + where + "]";
  }
}
