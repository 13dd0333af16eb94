package io.poollab.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.poollab.pool.Task;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A member's worker threads, driven directly, step by step. */
@Timeout(60)
class MemberWorkersTest {
  static final CountDownLatch FIRST_RUNNING = new CountDownLatch(1);
  static final CountDownLatch NEVER = new CountDownLatch(1);

  /**
   * A chunk queued behind a running one when the worker is released (the pool terminated, or
   * the worker exited): the running chunk is interrupted, and the queued one's waiter, a
   * Hazelcast executor thread of the member, gets a reply instead of waiting for ever.
   */
  @Test
  void shouldAnswerAChunkQueuedWhenItsWorkerIsReleased() throws Exception {
    String pool = "member-workers-test-" + System.nanoTime();
    byte[] blocking = Wire.encode(new ChunkRequest((Task<Object, Object>) x -> {
      FIRST_RUNNING.countDown();
      NEVER.await(); // until release() interrupts it
      return x;
    }, null, new Object[] {1}));
    byte[] quick = Wire.encode(new ChunkRequest((Task<Object, Object>) x -> x, null, new Object[] {2}));
    ExecutorService callers = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r);
      t.setDaemon(true);
      return t;
    });
    try {
      Future<byte[]> first = callers.submit(() -> MemberWorkers.INSTANCE.run(pool, 7, blocking));
      assertThat(FIRST_RUNNING.await(10, TimeUnit.SECONDS)).isTrue();
      Future<byte[]> second = callers.submit(() -> MemberWorkers.INSTANCE.run(pool, 7, quick));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (MemberWorkers.INSTANCE.queued(pool, 7) == 0) {
        assertThat(System.nanoTime()).as("the second chunk queued").isLessThan(deadline);
        Thread.onSpinWait();
      }

      MemberWorkers.INSTANCE.release(pool, 7);

      ChunkReply running = (ChunkReply) Wire.decode(first.get(10, TimeUnit.SECONDS));
      assertThat(running.failures()[0]).isInstanceOf(InterruptedException.class); // the task saw the interrupt
      ChunkReply queued = (ChunkReply) Wire.decode(second.get(10, TimeUnit.SECONDS));
      assertThat(queued.chunkError()).isInstanceOf(CancellationException.class);
      assertThat(MemberWorkers.INSTANCE.workerCount(pool)).isZero();
      // a chunk that arrives after the release gets a fresh thread of its own
      ChunkReply later = (ChunkReply) Wire.decode(MemberWorkers.INSTANCE.run(pool, 7, quick));
      assertThat(later.results()).containsExactly(2);
    } finally {
      MemberWorkers.INSTANCE.release(pool, -1);
      callers.shutdownNow();
    }
  }

  @Test
  void shouldSendNoFailuresWhenEveryItemSucceededAndEachFailureInItsPlaceOtherwise() throws Exception {
    String pool = "pool-" + System.nanoTime();
    try {
      byte[] fine = Wire.encode(new ChunkRequest((Task<Object, Object>) x -> x, null, new Object[] {1, 2, 3}));
      ChunkReply allGood = (ChunkReply) Wire.decode(MemberWorkers.INSTANCE.run(pool, 1, fine));
      assertThat(allGood.results()).containsExactly(1, 2, 3);
      assertThat(allGood.failures()).as("no array of nulls travels back").isNull();

      byte[] oneFails = Wire.encode(new ChunkRequest((Task<Object, Object>) x -> {
        if (x.equals(2)) {
          throw new IllegalStateException("two");
        }
        return x;
      }, null, new Object[] {1, 2, 3}));
      ChunkReply mixed = (ChunkReply) Wire.decode(MemberWorkers.INSTANCE.run(pool, 1, oneFails));
      assertThat(mixed.results()).containsExactly(1, null, 3);
      assertThat(mixed.failures()).hasSize(3);
      assertThat(mixed.failures()[0]).isNull();
      assertThat(mixed.failures()[1]).isInstanceOf(IllegalStateException.class).hasMessage("two");
      assertThat(mixed.failures()[2]).isNull();
    } finally {
      MemberWorkers.INSTANCE.release(pool, -1);
    }
  }
}
