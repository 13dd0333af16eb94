package io.poollab.pool;

import java.io.Serial;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A {@link CountDownLatch} that tasks can count down and wait on from any JVM on this machine, a
 * cluster member's included, so that one test body holds and releases tasks on every backend.
 *
 * <p>The latch itself stays in the test's JVM. On the thread backends the tasks use it directly;
 * a task sent to a cluster member carries a copy, which reaches the latch over a loopback socket
 * (see {@link LoopbackObject}). A copy never touches the original object, even when the members
 * run in the test's own JVM: a test that passes with in-process members passes the same way with
 * members in other processes. An interrupt ends a copy's {@link #await()} as it ends the
 * original's, and cuts no {@link #countDown()} short.
 *
 * <pre>{@code
 * LoopbackLatch release = new LoopbackLatch(1);
 * AsyncResult<String> held = pool.applyAsync(x -> { release.await(); return x; }, "done");
 * assertThat(held.ready()).isFalse();
 * release.countDown();
 * }</pre>
 *
 * <p>Also a counter of what happened elsewhere: start high, count down once per event, and read
 * {@link #getCount()}.
 */
final class LoopbackLatch extends LoopbackObject {
  @Serial
  private static final long serialVersionUID = 1L;

  /** The latch, in the JVM that made it; null in a copy. */
  private final transient CountDownLatch latch;

  LoopbackLatch(int count) {
    this.latch = new CountDownLatch(count);
  }

  @Override
  Object state() {
    return latch;
  }

  /** See {@link CountDownLatch#countDown()}. */
  void countDown() {
    if (latch != null) {
      latch.countDown();
    } else {
      callUninterruptibly(LoopbackEndpoints.COUNT_DOWN, 0, "");
    }
  }

  /**
   * See {@link CountDownLatch#await()}.
   *
   * @throws InterruptedException if interrupted while waiting
   */
  void await() throws InterruptedException {
    if (latch != null) {
      latch.await();
    } else {
      call(LoopbackEndpoints.AWAIT, -1, "");
    }
  }

  /**
   * See {@link CountDownLatch#await(long, TimeUnit)}.
   *
   * @return whether the count reached zero in time
   * @throws InterruptedException if interrupted while waiting
   */
  boolean await(long timeout, TimeUnit unit) throws InterruptedException {
    if (latch != null) {
      return latch.await(timeout, unit);
    }
    return call(LoopbackEndpoints.AWAIT, unit.toNanos(timeout), "") == 1;
  }

  /**
   * See {@link CountDownLatch#getCount()}.
   *
   * @return the count now
   */
  long getCount() {
    return latch != null ? latch.getCount() : callUninterruptibly(LoopbackEndpoints.COUNT, 0, "");
  }
}
