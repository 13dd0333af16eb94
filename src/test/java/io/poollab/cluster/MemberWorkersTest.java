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
    ExecutorService callers = daemonCallers();
    try {
      Future<byte[]> first = callers.submit(() -> MemberWorkers.INSTANCE.run(pool, 7, 1, blocking));
      assertThat(FIRST_RUNNING.await(10, TimeUnit.SECONDS)).isTrue();
      Future<byte[]> second = callers.submit(() -> MemberWorkers.INSTANCE.run(pool, 7, 1, quick));
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
      ChunkReply later = (ChunkReply) Wire.decode(MemberWorkers.INSTANCE.run(pool, 7, 1, quick));
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
      ChunkReply allGood = (ChunkReply) Wire.decode(MemberWorkers.INSTANCE.run(pool, 1, 1, fine));
      assertThat(allGood.results()).containsExactly(1, 2, 3);
      assertThat(allGood.failures()).as("no array of nulls travels back").isNull();

      byte[] oneFails = Wire.encode(new ChunkRequest((Task<Object, Object>) x -> {
        if (x.equals(2)) {
          throw new IllegalStateException("two");
        }
        return x;
      }, null, new Object[] {1, 2, 3}));
      ChunkReply mixed = (ChunkReply) Wire.decode(MemberWorkers.INSTANCE.run(pool, 1, 2, oneFails));
      assertThat(mixed.results()).containsExactly(1, null, 3);
      assertThat(mixed.failures()).hasSize(3);
      assertThat(mixed.failures()[0]).isNull();
      assertThat(mixed.failures()[1]).isInstanceOf(IllegalStateException.class).hasMessage("two");
      assertThat(mixed.failures()[2]).isNull();
    } finally {
      MemberWorkers.INSTANCE.release(pool, -1);
    }
  }

  /**
   * A chunk whose results weigh more than one part: a small first part, then parts of about
   * {@link MemberWorkers#PART_BYTES}, which together are every result in order; a part asked of
   * a chunk that is not the worker's current one says that its results are gone.
   */
  @Test
  void shouldSendAChunkOfHeavyResultsInPartsThatAddUpToItsResultsInOrder() throws Exception {
    String pool = "member-workers-parts-" + System.nanoTime();
    int count = 3000;
    Object[] items = new Object[count];
    for (int i = 0; i < count; i++) {
      items[i] = i;
    }
    byte[] payload = Wire.encode(new ChunkRequest(
        (Task<Object, Object>) x -> "r" + x + "-" + "x".repeat(500), null, items));
    try {
      ChunkReply first = (ChunkReply) Wire.decode(MemberWorkers.INSTANCE.run(pool, 3, 42, payload));
      assertThat(first.results()).hasSize(MemberWorkers.FIRST_PART_ITEMS);
      java.util.List<Object> all = new java.util.ArrayList<>(java.util.Arrays.asList(first.results()));
      int parts = 1;
      while (all.size() < count) {
        byte[] bytes = MemberWorkers.INSTANCE.part(pool, 3, 42, parts++);
        assertThat(bytes.length).as("a part's size").isLessThan(2 * MemberWorkers.PART_BYTES);
        ChunkReply part = (ChunkReply) Wire.decode(bytes);
        assertThat(part.chunkError()).isNull();
        assertThat(part.results()).isNotEmpty();
        all.addAll(java.util.Arrays.asList(part.results()));
      }
      assertThat(parts).as("parts").isBetween(4, 20);
      assertThat(all).hasSize(count);
      for (int i = 0; i < count; i++) {
        assertThat(all.get(i)).isEqualTo("r" + i + "-" + "x".repeat(500));
      }
      ChunkReply gone = (ChunkReply) Wire.decode(MemberWorkers.INSTANCE.part(pool, 3, 41, 1));
      assertThat(gone.chunkError()).isInstanceOf(CancellationException.class)
          .hasMessageContaining("chunk 41");
    } finally {
      MemberWorkers.INSTANCE.release(pool, -1);
    }
  }

  @Test
  void shouldSizeTheNextPartFromTheBytesOfTheLast() {
    assertThat(MemberWorkers.nextPartItems(16_384, 16_384 * 128)).isEqualTo(MemberWorkers.PART_BYTES / 128);
    assertThat(MemberWorkers.nextPartItems(10, 10 * MemberWorkers.PART_BYTES)).isEqualTo(1);
    // light first results: at most four times as many next, not a part of thousands of unknowns
    assertThat(MemberWorkers.nextPartItems(16, 16)).isEqualTo(64);
    assertThat(MemberWorkers.nextPartItems(40_000, 40_000)).isEqualTo(MemberWorkers.MAX_PART_ITEMS);
    assertThat(MemberWorkers.nextPartItems(0, 100)).isPositive();
  }

  static final CountDownLatch OLDER_RUNNING = new CountDownLatch(1);
  static final CountDownLatch OLDER_NEVER = new CountDownLatch(1);

  /**
   * The caller has one chunk in flight per worker: a newer chunk cancels the rest of the older
   * one (whose waiter gets an answer, not a hang), and a copy of an older chunk that arrives
   * after a newer one (sent again meanwhile) is refused instead of replacing it.
   */
  @Test
  void shouldCancelAnOlderChunkForANewerOneAndRefuseALateCopyOfAnOlderOne() throws Exception {
    String pool = "member-workers-order-" + System.nanoTime();
    byte[] blocking = Wire.encode(new ChunkRequest((Task<Object, Object>) x -> {
      OLDER_RUNNING.countDown();
      OLDER_NEVER.await(); // until the newer chunk cancels this one
      return x;
    }, null, new Object[] {1, 2, 3}));
    byte[] quick = Wire.encode(new ChunkRequest((Task<Object, Object>) x -> x, null, new Object[] {4}));
    ExecutorService callers = daemonCallers();
    try {
      Future<byte[]> older = callers.submit(() -> MemberWorkers.INSTANCE.run(pool, 5, 10, blocking));
      assertThat(OLDER_RUNNING.await(10, TimeUnit.SECONDS)).isTrue();

      ChunkReply newer = (ChunkReply) Wire.decode(MemberWorkers.INSTANCE.run(pool, 5, 11, quick));

      assertThat(newer.results()).containsExactly(4);
      ChunkReply cancelled = (ChunkReply) Wire.decode(older.get(10, TimeUnit.SECONDS));
      assertThat(cancelled.chunkError()).isInstanceOf(CancellationException.class);
      ChunkReply late = (ChunkReply) Wire.decode(MemberWorkers.INSTANCE.run(pool, 5, 9, quick));
      assertThat(late.chunkError()).isInstanceOf(CancellationException.class)
          .hasMessageContaining("chunk 9").hasMessageContaining("chunk 11");
      ChunkReply gone = (ChunkReply) Wire.decode(MemberWorkers.INSTANCE.part(pool, 5, 10, 1));
      assertThat(gone.chunkError()).as("the older chunk's parts").isInstanceOf(CancellationException.class);
    } finally {
      MemberWorkers.INSTANCE.release(pool, -1);
      callers.shutdownNow();
    }
  }

  /** Threads that stand in for a member's Hazelcast threads, waiting on its workers. */
  private static ExecutorService daemonCallers() {
    return Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r);
      t.setDaemon(true);
      return t;
    });
  }
}
