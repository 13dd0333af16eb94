package io.poollab.pool;

import static io.poollab.pool.TestPools.range;
import static io.poollab.pool.TestPools.runnable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.RandomAccess;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The lazy calls on inputs that arrive over time (issue "The pool's lazy calls"): results flow as
 * soon as their chunk's items are there, huge chunksizes work, closing never waits on the input,
 * the read-ahead bound is exact, and an input's failure keeps its place.
 */
@Timeout(30)
public class StreamingInputTest extends PoolBehaviourTest {

  private static final Duration PROMPTLY = Duration.ofSeconds(5);

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void shouldHandEachItemToTheWorkersAsSoonAsItIsRead(boolean ordered) throws Exception {
    // a feedback loop: the producer makes item i + 1 only once the result of item i came back
    ControlledInput<Integer> input = new ControlledInput<>();
    try (Pool pool = pool(2);
        ResultIterator<Integer> it = ordered ? pool.imap(x -> x * 10, input) : pool.imapUnordered(x -> x * 10, input)) {
      for (int i = 0; i < 50; i++) {
        input.offer(i);
        assertThat(it.next(5, TimeUnit.SECONDS)).isEqualTo(i * 10);
      }
      input.end();
      assertThat(it.hasNext()).isFalse();
    }
  }

  @ParameterizedTest
  @EachBackend
  void shouldRunAChunkReadWhileTheOtherWorkerIsBusyOnTheSleepingOne(Backend backend) throws Exception {
    // item 0's task holds its worker until item 1's result is back: only the other worker,
    // asleep since the call began, can run item 1, so reading it must wake that worker
    ControlledInput<Integer> input = new ControlledInput<>();
    LoopbackLatch firstRunning = new LoopbackLatch(1);
    LoopbackLatch secondDone = new LoopbackLatch(1);
    try (Pool pool = pool(backend, 2);
        ResultIterator<Integer> it = pool.imapUnordered(x -> {
          if (x == 0) {
            firstRunning.countDown();
            return secondDone.await(10, TimeUnit.SECONDS) ? 0 : -1;
          }
          return x;
        }, input)) {
      input.offer(0);
      assertThat(firstRunning.await(5, TimeUnit.SECONDS)).isTrue();
      input.offer(1);
      assertThat(it.next(5, TimeUnit.SECONDS)).isEqualTo(1);
      secondDone.countDown();
      assertThat(it.next(5, TimeUnit.SECONDS)).isZero();
      input.end();
      assertThat(it.hasNext()).isFalse();
    }
  }

  @ParameterizedTest
  @CsvSource({"true, 3", "false, 3", "true, 1", "false, 1"})
  void shouldRunAChunkOnceItsItemsAreThereWhileTheInputWaits(boolean ordered, int chunksize) throws Exception {
    ControlledInput<Integer> input = new ControlledInput<>();
    try (Pool pool = pool(2);
        ResultIterator<Integer> it = ordered
            ? pool.imap(x -> x + 1, input, chunksize) : pool.imapUnordered(x -> x + 1, input, chunksize)) {
      List<Integer> got = new ArrayList<>();
      for (int i = 0; i < chunksize; i++) {
        input.offer(i);
      }
      // one whole chunk is there and the input now waits for ever: its results must still come
      for (int i = 0; i < chunksize; i++) {
        got.add(it.next(5, TimeUnit.SECONDS));
      }
      assertThat(got).containsExactlyInAnyOrderElementsOf(range(chunksize).stream().map(x -> x + 1).toList());
      input.end();
    }
  }

  @ParameterizedTest
  @EachBackend
  void shouldTakeAHugeChunksizeOverAPlainIterableAndStayHealthy(Backend backend) throws Exception {
    Iterable<Integer> plain = () -> range(10).iterator();
    try (Pool pool = pool(backend, 2)) {
      assertThat(pool.imapUnordered(x -> x, plain, Integer.MAX_VALUE).stream().sorted().toList()).isEqualTo(range(10));
      assertThat(pool.imap(x -> x, plain, Integer.MAX_VALUE).stream().toList()).isEqualTo(range(10));
      assertThat(pool.imap(x -> x, plain, Integer.MAX_VALUE - 1).stream().toList()).isEqualTo(range(10));
      assertThat(pool.map(x -> x + 1, List.of(1, 2, 3))).containsExactly(2, 3, 4);
      assertThat(pool.map(x -> x, range(100), Integer.MAX_VALUE)).isEqualTo(range(100));
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {Integer.MAX_VALUE, Integer.MAX_VALUE / 2 + 1, 50_000_000, 1 << 30})
  void shouldTakeAHugeChunksizeOverASmallList(int chunksize) throws Exception {
    try (Pool pool = pool(2)) {
      assertThat(pool.imap(x -> x * 2, range(10), chunksize).stream().toList())
          .isEqualTo(range(10).stream().map(x -> x * 2).toList());
      assertThat(pool.imapUnordered(x -> x * 2, range(10), chunksize).stream().sorted().toList())
          .isEqualTo(range(10).stream().map(x -> x * 2).toList());
    }
  }

  @Test
  void shouldFailTheCallNotRespawnWorkersWhenAChunkCannotBeHeld() throws Exception {
    // an input that fails as the feeder reads it (as a chunk too large for the heap would): the
    // call fails with the cause, at the item's place, and the pool's workers stay the same
    AtomicInteger made = new AtomicInteger();
    Iterable<Integer> failing = () -> new Iterator<>() {
      @Override
      public boolean hasNext() {
        return true;
      }

      @Override
      public Integer next() {
        if (made.get() == 5) {
          throw new OutOfMemoryError("Requested array size exceeds VM limit");
        }
        return made.getAndIncrement();
      }
    };
    LoopbackList names = new LoopbackList();
    try (Pool pool = builder(backend()).workers(2)
        .initializer(runnable(() -> names.add(Thread.currentThread().getName()))).create()) {
      ResultIterator<Integer> it = pool.imapUnordered(x -> x, failing, Integer.MAX_VALUE);
      assertThatThrownBy(() -> {
        while (it.hasNext()) {
          it.next();
        }
      }).isInstanceOf(TaskFailedException.class).hasMessageContaining("input failed")
          .hasRootCauseInstanceOf(OutOfMemoryError.class);
      assertThat(pool.map(x -> x, range(1000), 1)).isEqualTo(range(1000));
      // a replacement would start as worker 3; the second worker may still be starting (the map
      // above can finish on the first alone), so only workers 1 and 2 may appear. A worker's
      // number ends the name of the thread its initializer ran on: pool-worker-N on the thread
      // backends, poollab-member-worker-POOL/N on a cluster member
      List<String> workers =
          names.values().stream().map(name -> name.replaceAll(".*\\D", "")).toList();
      assertThat(workers).as("worker starts %s: no worker died", names)
          .isNotEmpty().doesNotHaveDuplicates().isSubsetOf("1", "2");
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void shouldCloseTheIteratorPromptlyWhileTheInputWaits(boolean ordered) throws Exception {
    ControlledInput<Integer> input = new ControlledInput<>();
    try (Pool pool = pool(2)) {
      ResultIterator<Integer> it = ordered ? pool.imap(x -> x, input) : pool.imapUnordered(x -> x, input);
      input.offer(7);
      assertThat(it.next(5, TimeUnit.SECONDS)).isEqualTo(7);
      await().atMost(PROMPTLY).until(input::readerWaiting);
      assertTimeoutPreemptively(PROMPTLY, it::close);
      assertThat(it.hasNext()).isFalse();
      assertThat(pool.map(x -> x, range(10))).isEqualTo(range(10));
      input.offer(8); // the reader leaves once the input returns
      input.end();
    }
  }

  @Test
  void shouldCloseThePoolPromptlyWhileAnInputWaits() throws Exception {
    ControlledInput<Integer> input = new ControlledInput<>();
    Pool pool = pool(2);
    try {
      ResultIterator<Integer> it = pool.imap(x -> x, input);
      input.offer(1);
      assertThat(it.next(5, TimeUnit.SECONDS)).isEqualTo(1);
      await().atMost(PROMPTLY).until(input::readerWaiting);
      assertTimeoutPreemptively(PROMPTLY, pool::close);
      assertThat(pool.isShutdown()).isTrue();
      // the input returns later: there was more, so the call says it was cut short
      input.offer(2);
      assertThatThrownBy(() -> it.next(5, TimeUnit.SECONDS))
          .isInstanceOf(java.util.concurrent.CancellationException.class).hasMessageContaining("after item 1");
      assertThat(it.hasNext()).isFalse();
      assertThat(input.taken()).isEqualTo(1);
    } finally {
      pool.terminate();
      input.end();
    }
  }

  @ParameterizedTest
  @CsvSource({"1024, 2, 1", "100, 2, 1", "32, 2, 1", "100, 2, 10", "10, 3, 4"})
  void shouldReadAheadExactlyTheBoundOverAPlainIterable(int readAhead, int workers, int chunksize) throws Exception {
    long bound = Math.max(readAhead, 2L * workers * chunksize);
    AtomicLong pulled = new AtomicLong();
    Iterable<Long> endless = () -> Stream.iterate(0L, i -> i + 1).peek(i -> pulled.incrementAndGet()).iterator();
    for (boolean ordered : new boolean[] {true, false}) {
      pulled.set(0);
      try (Pool pool = builder(backend()).workers(workers).readAhead(readAhead).create();
          ResultIterator<Long> it = ordered ? pool.imap(x -> x, endless, chunksize) : pool.imapUnordered(x -> x, endless, chunksize)) {
        long maxAhead = 0;
        for (int taken = 1; taken <= 3 * bound; taken++) {
          it.next(5, TimeUnit.SECONDS);
          maxAhead = Math.max(maxAhead, pulled.get() - taken);
          if (taken == bound) {
            // the reading catches up with the bound, and stops there
            long consumed = taken;
            await().atMost(PROMPTLY).until(() -> pulled.get() - consumed >= bound - chunksize + 1);
            maxAhead = Math.max(maxAhead, pulled.get() - taken);
          }
        }
        assertThat(maxAhead).as("ordered %s: items read and not consumed", ordered).isLessThanOrEqualTo(bound)
            .isGreaterThan(bound - chunksize);
      }
    }
  }

  /** A random-access list 0..n-1 that remembers the largest index it was asked for. */
  private static final class WatchedList extends AbstractList<Integer> implements RandomAccess {
    final AtomicLong largest = new AtomicLong(-1);
    private final int size;

    WatchedList(int size) {
      this.size = size;
    }

    @Override
    public Integer get(int index) {
      largest.accumulateAndGet(index, Math::max);
      return index;
    }

    @Override
    public int size() {
      return size;
    }
  }

  @ParameterizedTest
  @CsvSource({"1024, 2, 1", "100, 2, 1", "32, 2, 1", "100, 4, 10"})
  void shouldReadAheadExactlyTheBoundOverAList(int readAhead, int workers, int chunksize) throws Exception {
    long bound = Math.max(readAhead, 2L * workers * chunksize);
    if (bound / chunksize > 100) {
      assumeNotOn(Backend.CLUSTER, backend(), "a bound of more than 100 chunks: each chunk is a "
          + "round trip to a member, and the 1024-item bound at chunksize 1 takes 6,000 of them; "
          + "the smaller bounds check the same code, the pool's own, shared by every backend");
    }
    for (boolean ordered : new boolean[] {true, false}) {
      WatchedList list = new WatchedList(100_000);
      try (Pool pool = builder(backend()).workers(workers).readAhead(readAhead).create();
          ResultIterator<Integer> it = ordered ? pool.imap(x -> x, list, chunksize) : pool.imapUnordered(x -> x, list, chunksize)) {
        long maxAhead = 0;
        for (int taken = 1; taken <= 3 * bound; taken++) {
          it.next(5, TimeUnit.SECONDS);
          maxAhead = Math.max(maxAhead, list.largest.get() + 1 - taken);
        }
        long consumed = 3 * bound;
        await().atMost(PROMPTLY).until(() -> list.largest.get() + 1 - consumed > bound - chunksize);
        maxAhead = Math.max(maxAhead, list.largest.get() + 1 - consumed);
        assertThat(maxAhead).as("ordered %s", ordered).isLessThanOrEqualTo(bound);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 5})
  void shouldDeliverAnInputFailureAfterTheItemsBeforeItWithOneWorker(int chunksize) throws Exception {
    ControlledInput<Integer> input = new ControlledInput<>();
    input.offer(0);
    input.offer(1);
    input.offer(2);
    input.fail(new IllegalStateException("input broke at item 3"));
    try (Pool pool = pool(1);
        ResultIterator<Integer> it = pool.imapUnordered(x -> x, input, chunksize)) {
      assertThat(it.next(5, TimeUnit.SECONDS)).isZero();
      assertThat(it.next(5, TimeUnit.SECONDS)).isEqualTo(1);
      assertThat(it.next(5, TimeUnit.SECONDS)).isEqualTo(2);
      assertThatThrownBy(() -> it.next(5, TimeUnit.SECONDS)).isInstanceOf(TaskFailedException.class)
          .hasMessageContaining("input failed").hasMessageContaining("index 3")
          .hasRootCauseMessage("input broke at item 3");
      assertThat(it.hasNext()).isFalse();
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void shouldCompleteTheProgressAfterAnInputFailure(boolean ordered) throws Exception {
    ControlledInput<Integer> input = new ControlledInput<>();
    for (int i = 0; i < 3; i++) {
      input.offer(i);
    }
    input.fail(new IllegalStateException("input broke"));
    try (Pool pool = pool(2);
        ResultIterator<Integer> it = ordered ? pool.imap(x -> x, input) : pool.imapUnordered(x -> x, input)) {
      int results = 0;
      int failures = 0;
      while (it.hasNext()) {
        try {
          it.next();
          results++;
        } catch (TaskFailedException e) {
          failures++;
        }
      }
      assertThat(results).isEqualTo(3);
      assertThat(failures).isEqualTo(1);
      Progress progress = it.progress();
      assertThat(progress.totalKnown()).isTrue();
      assertThat(progress.done()).as(progress.toString()).isEqualTo(progress.known()).isEqualTo(4);
    }
  }

  @Test
  void shouldRefuseBadArgumentsToTheDefaultChunksize() {
    assumeNotOn(Backend.CLUSTER, backend(), "it uses no pool: Pool.defaultChunksize is one "
        + "function for every backend, checked once, by StreamingInputTest");
    assertThatThrownBy(() -> Pool.defaultChunksize(10, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("workers").hasMessageContaining("0");
    assertThatThrownBy(() -> Pool.defaultChunksize(-5, 2)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("items").hasMessageContaining("-5");
    assertThat(Pool.defaultChunksize(0, 2)).isEqualTo(1);
    assertThat(Pool.defaultChunksize(100, 2)).isEqualTo(13);
    assertThat(Pool.defaultChunksize(Integer.MAX_VALUE, 1)).isEqualTo(536_870_912);
  }
}
