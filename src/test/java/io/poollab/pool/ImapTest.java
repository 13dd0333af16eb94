package io.poollab.pool;

import static io.poollab.pool.TestPools.range;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.RandomAccess;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;

/** {@code imap} and {@code imapUnordered}: order, failures, timeouts, read-ahead, closing. */
@Timeout(20)
public class ImapTest extends PoolBehaviourTest {

  @ParameterizedTest
  @EachBackend
  void shouldYieldImapResultsInInputOrder(Backend backend) throws Exception {
    try (Pool pool = pool(backend, 4)) {
      for (int chunksize : new int[] {1, 3, 100, 5000}) {
        try (ResultIterator<Integer> it = pool.imap(x -> x * 3, range(2000), chunksize)) {
          List<Integer> all = new ArrayList<>();
          it.forEachRemaining(all::add);
          assertThat(all).as("chunksize %d", chunksize).isEqualTo(range(2000).stream().map(x -> x * 3).toList());
          assertThat(it.hasNext()).isFalse();
          assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
        }
      }
    }
  }

  @ParameterizedTest
  @EachBackend
  void shouldReadAPlainIterableInOrderInBatches(Backend backend) throws Exception {
    // not a RandomAccess list: the input is read through its iterator, under the input lock;
    // on CLUSTER each chunk is a round trip to a member (about 1 ms here, more under load), so
    // fewer items keep chunksize 1 well inside the timeout
    int n = backend == Backend.CLUSTER ? 600 : 5000;
    Iterable<Integer> plain = () -> range(n).iterator();
    try (Pool pool = pool(backend, 3)) {
      for (int chunksize : new int[] {1, 7, 1000}) {
        assertThat(pool.imap(x -> x * 2, plain, chunksize).stream().toList())
            .isEqualTo(range(n).stream().map(x -> x * 2).toList());
        assertThat(pool.imapUnordered(x -> x, plain, chunksize).stream().sorted().toList())
            .isEqualTo(range(n));
      }
    }
  }

  @ParameterizedTest
  @EachBackend
  void shouldYieldImapUnorderedResultsInCompletionOrder(Backend backend) throws Exception {
    // item 0 waits until item 1 has been delivered: so 1 must come out first
    LoopbackLatch secondDelivered = new LoopbackLatch(1);
    try (Pool pool = pool(backend, 2);
        ResultIterator<Integer> it = pool.imapUnordered(x -> {
          if (x == 0) {
            secondDelivered.await(5, TimeUnit.SECONDS);
          }
          return x;
        }, range(2))) {
      assertThat(it.next(5, TimeUnit.SECONDS)).isEqualTo(1);
      secondDelivered.countDown();
      assertThat(it.next(5, TimeUnit.SECONDS)).isEqualTo(0);
      assertThat(it.hasNext()).isFalse();
    }
  }

  @ParameterizedTest
  @EachBackend
  void shouldYieldImapUnorderedInInputOrderWithOneWorker(Backend backend) throws Exception {
    try (Pool pool = pool(backend, 1)) {
      assertThat(pool.imapUnordered(x -> x, range(500)).stream().toList()).isEqualTo(range(500));
      assertThat(pool.imapUnordered(x -> x, range(500), 7).stream().toList()).isEqualTo(range(500));
    }
  }

  @ParameterizedTest
  @EachBackend
  void shouldReRaiseAtTheFailedPlaceAndGoOn(Backend backend) throws Exception {
    try (Pool pool = pool(backend, 3)) {
      try (ResultIterator<Integer> it = pool.imap(x -> 12 / x, List.of(1, 2, 0, 3, 0, 4), 2)) {
        assertThat(it.next()).isEqualTo(12);
        assertThat(it.next()).isEqualTo(6);
        assertThatThrownBy(it::next).isInstanceOf(TaskFailedException.class)
            .hasMessageContaining("imap task at index 2 failed")
            .hasCauseInstanceOf(ArithmeticException.class);
        assertThat(it.next()).isEqualTo(4);
        assertThatThrownBy(it::next).isInstanceOf(TaskFailedException.class).hasMessageContaining("index 4");
        assertThat(it.next()).isEqualTo(3);
        assertThat(it.hasNext()).isFalse();
      }
      try (ResultIterator<Integer> it = pool.imapUnordered(x -> 12 / x, List.of(1, 0, 3))) {
        int failures = 0;
        List<Integer> values = new ArrayList<>();
        while (it.hasNext()) {
          try {
            values.add(it.next());
          } catch (TaskFailedException e) {
            failures++;
          }
        }
        assertThat(failures).isEqualTo(1);
        assertThat(values).containsExactlyInAnyOrder(12, 4);
      }
    }
  }

  @ParameterizedTest
  @EachBackend
  void shouldRaiseTheInputsOwnExceptionAtItsPlace(Backend backend) throws Exception {
    Iterable<Integer> failingInput = () -> new Iterator<>() {
      int next;

      @Override
      public boolean hasNext() {
        return true;
      }

      @Override
      public Integer next() {
        if (next == 3) {
          throw new IllegalStateException("input broke");
        }
        return next++;
      }
    };
    try (Pool pool = pool(backend, 2); ResultIterator<Integer> it = pool.imap(x -> x, failingInput)) {
      assertThat(it.next()).isZero();
      assertThat(it.next()).isEqualTo(1);
      assertThat(it.next()).isEqualTo(2);
      assertThatThrownBy(it::next).isInstanceOf(TaskFailedException.class)
          .hasRootCauseMessage("input broke");
      assertThat(it.hasNext()).isFalse();
    }
  }

  /** What {@link ListWithAnUnreadableItem} throws: a class no worker's own failure has. */
  static final class UnreadableItem extends RuntimeException {
    UnreadableItem(String message) {
      super(message);
    }
  }

  /** A random-access list whose {@code get} of one index throws {@link UnreadableItem}. */
  static final class ListWithAnUnreadableItem extends AbstractList<Integer> implements RandomAccess {
    private final int size;
    private final int unreadable;

    ListWithAnUnreadableItem(int size, int unreadable) {
      this.size = size;
      this.unreadable = unreadable;
    }

    @Override
    public Integer get(int index) {
      if (index == unreadable) {
        throw new UnreadableItem("cannot read item " + index);
      }
      return index;
    }

    @Override
    public int size() {
      return size;
    }
  }

  @ParameterizedTest
  @EachBackend
  void shouldFailOnlyThePlaceOfAListItemThatCannotBeRead(Backend backend) throws Exception {
    List<Integer> list = new ListWithAnUnreadableItem(10, 3);
    try (Pool pool = pool(backend, 2)) {
      for (int chunksize : new int[] {1, 2, 10}) {
        // the list's own exception at its place, not a worker that died with it
        assertThat(CPythonPoolPortTest.drainRecordingFailures(pool.imap(x -> x * 10, list, chunksize)))
            .as("imap, chunksize %d", chunksize)
            .containsExactly(0, 10, 20, UnreadableItem.class, 40, 50, 60, 70, 80, 90);
        assertThat(CPythonPoolPortTest.drainRecordingFailures(
                pool.imapUnordered(x -> x * 10, list, chunksize)))
            .as("imapUnordered, chunksize %d", chunksize)
            .containsExactlyInAnyOrder(0, 10, 20, UnreadableItem.class, 40, 50, 60, 70, 80, 90);
      }
      assertThat(pool.map(x -> x, List.of(1, 2))).as("the pool goes on").containsExactly(1, 2);
    }
  }

  @ParameterizedTest
  @EachBackend
  void shouldNotWaitForInputsWaitingForTheirNextItemWhenClosing(Backend backend) throws Exception {
    // ten inputs that wait inside next() until released: closing the pool must not wait for any
    // of them (a 200 ms grace for each, one after the other, took over two seconds)
    BlockingQueue<Integer> never = new LinkedBlockingQueue<>();
    Iterable<Integer> waiting = () -> new Iterator<>() {
      @Override
      public boolean hasNext() {
        return true;
      }

      @Override
      public Integer next() {
        try {
          return never.take();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
    };
    Pool pool = pool(backend, 2);
    List<ResultIterator<Integer>> open = new ArrayList<>();
    try {
      for (int i = 0; i < 10; i++) {
        open.add(pool.imap(x -> x, waiting));
      }
      long start = System.nanoTime();
      pool.close();
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1_500);
      for (int i = 0; i < open.size(); i++) {
        never.add(i); // each input returns: it had more, so its iterator ends cut short
      }
      for (ResultIterator<Integer> it : open) {
        assertThatThrownBy(it::next).isInstanceOf(CancellationException.class);
      }
    } finally {
      pool.terminate();
      for (int i = 0; i < 20; i++) {
        never.add(-1); // lets the reader threads go
      }
    }
  }

  @ParameterizedTest
  @EachBackend
  void shouldTimeOutNextWhenNoResultComes(Backend backend) throws Exception {
    LoopbackLatch release = new LoopbackLatch(1);
    try (Pool pool = pool(backend, 1);
        ResultIterator<Boolean> it = pool.imap(x -> release.await(10, TimeUnit.SECONDS), List.of(1))) {
      assertThatThrownBy(() -> it.next(50, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
      release.countDown();
      assertThat(it.next(5, TimeUnit.SECONDS)).isTrue();
      assertThatThrownBy(() -> it.next(1, TimeUnit.SECONDS)).isInstanceOf(NoSuchElementException.class);
    }
  }

  @ParameterizedTest
  @EachBackend
  void shouldKeepMemoryFlatOnAnEndlessInputWithASlowConsumer(Backend backend) throws Exception {
    AtomicLong pulled = new AtomicLong();
    Iterable<Long> endless = () -> Stream.iterate(0L, i -> i + 1).peek(i -> pulled.incrementAndGet()).iterator();
    int readAhead = 64;
    try (Pool pool = builder(backend).workers(4).readAhead(readAhead).create();
        ResultIterator<Long> it = pool.imap(x -> x * 2, endless)) {
      for (long i = 0; i < 2_000; i++) {
        assertThat(it.next()).isEqualTo(i * 2);
        // the read-ahead bound: never more than the bound (plus the one hasNext() looks at) ahead
        assertThat(pulled.get() - (i + 1)).isLessThanOrEqualTo(128);
      }
      // a consumer that stops: the workers stop reading at the bound
      Thread.sleep(100);
      assertThat(pulled.get()).isLessThanOrEqualTo(2_000 + 128);
    }
  }

  @ParameterizedTest
  @EachBackend
  void shouldBoundImapUnorderedReadAheadToo(Backend backend) throws Exception {
    AtomicLong pulled = new AtomicLong();
    Iterable<Long> endless = () -> Stream.iterate(0L, i -> i + 1).peek(i -> pulled.incrementAndGet()).iterator();
    try (Pool pool = builder(backend).workers(2).readAhead(100).create();
        ResultIterator<Long> it = pool.imapUnordered(x -> x, endless, 10)) {
      for (int i = 0; i < 1_000; i++) {
        it.next();
        assertThat(pulled.get() - (i + 1)).isLessThanOrEqualTo(100 + 1);
      }
    }
  }

  @ParameterizedTest
  @EachBackend
  void shouldStreamTheResults(Backend backend) throws Exception {
    try (Pool pool = pool(backend, 2)) {
      long sum;
      try (Stream<Integer> stream = pool.imap(x -> x, range(1000), 50).stream()) {
        sum = stream.mapToLong(Integer::longValue).sum();
      }
      assertThat(sum).isEqualTo(999L * 1000 / 2);
      assertThat(pool.imapUnordered(x -> x % 7, range(700)).stream().filter(x -> x == 0).count()).isEqualTo(100);
    }
  }

  @ParameterizedTest
  @EachBackend
  void shouldStopReadingWhenTheIteratorIsClosed(Backend backend) throws Exception {
    AtomicLong pulled = new AtomicLong();
    Iterable<Long> endless = () -> Stream.iterate(0L, i -> i + 1).peek(i -> pulled.incrementAndGet()).iterator();
    try (Pool pool = pool(backend, 2)) {
      ResultIterator<Long> it = pool.imap(x -> x, endless);
      it.next();
      it.close();
      assertThat(it.hasNext()).isFalse();
      // the iteration has ended, however it is asked, and closing again changes nothing
      assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
      assertThatThrownBy(() -> it.next(1, TimeUnit.SECONDS)).isInstanceOf(NoSuchElementException.class);
      it.close();
      assertThat(it.hasNext()).isFalse();
      long after = pulled.get();
      assertThat(pool.map(x -> x, List.of(1, 2))).containsExactly(1, 2);
      assertThat(pulled.get()).isEqualTo(after);
    }
  }

  @ParameterizedTest
  @EachBackend
  void shouldCloseTheIteratorWhenItsStreamIsClosed(Backend backend) throws Exception {
    AtomicLong pulled = new AtomicLong();
    Iterable<Long> endless = () -> Stream.iterate(0L, i -> i + 1).peek(i -> pulled.incrementAndGet()).iterator();
    try (Pool pool = pool(backend, 2)) {
      for (boolean ordered : new boolean[] {true, false}) {
        ResultIterator<Long> it = ordered ? pool.imap(x -> x, endless) : pool.imapUnordered(x -> x, endless);
        try (Stream<Long> stream = it.stream()) {
          assertThat(stream.limit(3).count()).isEqualTo(3);
        }
        // closing the stream closed the iterator: the iteration has ended and the input is left
        assertThat(it.hasNext()).as("ordered %s", ordered).isFalse();
        long after = pulled.get();
        assertThat(pool.map(x -> x, List.of(1, 2))).containsExactly(1, 2);
        assertThat(pulled.get()).as("ordered %s", ordered).isEqualTo(after);
      }
    }
  }

  @ParameterizedTest
  @EachBackend
  void shouldLetAnInterruptedConsumerKnowAndGoOnAfterwards(Backend backend) throws Exception {
    LoopbackLatch release = new LoopbackLatch(1);
    try (Pool pool = pool(backend, 1);
        ResultIterator<Boolean> it = pool.imap(x -> release.await(10, TimeUnit.SECONDS), List.of(1, 2))) {
      try {
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> it.next(5, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
        assertThat(Thread.currentThread().isInterrupted()).as("InterruptedException clears it").isFalse();
        // hasNext() and next() cannot throw InterruptedException: a CancellationException, with
        // the interrupt kept for the caller to see
        Thread.currentThread().interrupt();
        assertThatThrownBy(it::hasNext).isInstanceOf(CancellationException.class)
            .hasMessageContaining("interrupted");
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
        assertThatThrownBy(it::next).isInstanceOf(CancellationException.class);
        assertThat(Thread.interrupted()).isTrue();
      } finally {
        Thread.interrupted();
      }
      // nothing was lost: the call goes on for a consumer that reads again
      release.countDown();
      assertThat(it.next(5, TimeUnit.SECONDS)).isTrue();
      assertThat(it.next()).isTrue();
      assertThat(it.hasNext()).isFalse();
    }
  }

  @ParameterizedTest
  @EachBackend
  void shouldGiveAnEmptyIteratorForAnEmptyInput(Backend backend) throws Exception {
    try (Pool pool = pool(backend, 2)) {
      assertThat(pool.imap(x -> x, List.of()).hasNext()).isFalse();
      assertThat(pool.imapUnordered(x -> x, List.of(), 5).hasNext()).isFalse();
    }
  }

  @Test
  void shouldServeSeveralIteratorsAtOnce() throws Exception {
    int n = backend() == Backend.CLUSTER ? 300 : 3000; // a CLUSTER chunk is a round trip
    try (Pool pool = pool(2);
        ResultIterator<Integer> a = pool.imap(x -> x, range(n));
        ResultIterator<Integer> b = pool.imap(x -> -x, range(n), 13)) {
      for (int i = 0; i < n; i++) {
        assertThat(a.next()).isEqualTo(i);
        assertThat(b.next()).isEqualTo(-i);
      }
    }
  }

  @ParameterizedTest
  @EachBackend
  void shouldNeverLoseAJobParkedForBackpressure(Backend backend) throws Exception {
    // a tiny read-ahead with several workers parks and unparks the job all the time: a lost
    // wake-up shows as a next() that times out. A CLUSTER item is a round trip to a member (about
    // a millisecond here), so fewer of them: the same parking and unparking at every item
    List<Integer> input = range(backend == Backend.CLUSTER ? 2_000 : 100_000);
    for (boolean ordered : new boolean[] {true, false}) {
      try (Pool pool = builder(backend).workers(4).readAhead(1).create();
          ResultIterator<Integer> it = ordered ? pool.imap(x -> x, input) : pool.imapUnordered(x -> x, input)) {
        long seen = 0;
        while (seen < input.size()) {
          it.next(5, TimeUnit.SECONDS);
          seen++;
        }
        assertThat(it.hasNext()).isFalse();
      }
    }
  }

  @ParameterizedTest
  @EachBackend
  void shouldHandOverEachChunkOfAPlainIterableAtOnceWhateverComesNext(Backend backend)
      throws Exception {
    assumeNotOn(Backend.CLUSTER, backend, "the slow item waits for a latch of this JVM, which "
        + "cannot travel to a member; the hand-over to the consumer is the same code there");
    // what the README tells a user whose results must each come as soon as they are done: the
    // list as a plain Iterable, not claimed in batches. Item 5 waits until the consumer has had
    // results 0-4, so a hand-over that kept them until it ended would never come: next() times out
    List<Integer> input = range(200);
    Iterable<Integer> plain = input::iterator;
    for (boolean ordered : new boolean[] {true, false}) {
      CountDownLatch fourSeen = new CountDownLatch(1);
      Task<Integer, Integer> task = x -> {
        if (x == 5 && !fourSeen.await(15, TimeUnit.SECONDS)) {
          throw new IllegalStateException("results 0-4 never reached the consumer");
        }
        return x;
      };
      try (Pool pool = builder(backend).workers(1).create();
          ResultIterator<Integer> it = ordered ? pool.imap(task, plain, 1) : pool.imapUnordered(task, plain, 1)) {
        try {
          for (int i = 0; i < 5; i++) {
            assertThat(it.next(10, TimeUnit.SECONDS)).as("ordered %s", ordered).isEqualTo(i);
          }
        } finally {
          fourSeen.countDown();
        }
        assertThat(it.stream().toList()).isEqualTo(input.subList(5, 200));
      }
    }
  }
}
