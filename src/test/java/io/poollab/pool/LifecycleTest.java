package io.poollab.pool;

import static io.poollab.pool.TestPools.callable;
import static io.poollab.pool.TestPools.range;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;

/** The pool's life: close, shutdown, join, terminate, and what each does to pending work. */
@Timeout(20)
public class LifecycleTest extends PoolBehaviourTest {

  @ParameterizedTest
  @EachBackend
  void shouldRefuseWorkAfterCloseSayingSo(Backend backend) throws Exception {
    Pool pool = pool(backend, 2);
    pool.close();
    assertThat(pool.isShutdown()).isTrue();
    assertThatThrownBy(() -> pool.map(x -> x, List.of(1)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("pool is closed");
    assertThatThrownBy(() -> pool.applyAsync(callable(() -> 1)))
        .hasMessageContaining("pool is closed");
    assertThatThrownBy(() -> pool.imap(x -> x, List.of(1))).hasMessageContaining("pool is closed");
    pool.join(); // returns at once
    Pool terminated = pool(backend, 1);
    terminated.terminate();
    assertThatThrownBy(() -> terminated.apply(callable(() -> 1)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("pool is terminated");
    terminated.join();
  }

  @ParameterizedTest
  @EachBackend
  void shouldRefuseEveryKindOfCallAfterShutdownAndAfterTerminate(Backend backend) throws Exception {
    List<Args2<Integer, Integer>> pairs = List.of(Args2.of(1, 2));
    List<Args3<Integer, Integer, Integer>> triples = List.of(Args3.of(1, 2, 3));
    List<Object> refusedCalledBack = new CopyOnWriteArrayList<>();
    for (boolean terminate : new boolean[] {false, true}) {
      Pool pool = pool(backend, 1);
      if (terminate) {
        pool.terminate();
      } else {
        pool.shutdown(); // Python's close(): no new work
      }
      String says = terminate ? "pool is terminated" : "pool is closed";
      List<org.assertj.core.api.ThrowableAssert.ThrowingCallable> calls = List.of(
          () -> pool.apply(callable(() -> 1)),
          () -> pool.apply(x -> x, 1),
          () -> pool.applyAsync(x -> x, 1, Callbacks.of(v -> refusedCalledBack.add(v), refusedCalledBack::add)),
          () -> pool.map(x -> x, List.of(1)),
          () -> pool.mapAsync(x -> x, List.of(1), 1),
          () -> pool.starmap((Integer a, Integer b) -> a + b, pairs),
          () -> pool.starmapAsync((Integer a, Integer b) -> a + b, pairs),
          () -> pool.starmap3((Integer a, Integer b, Integer c) -> a + b + c, triples),
          () -> pool.starmap3Async((Integer a, Integer b, Integer c) -> a, triples, 1, Callbacks.none()),
          () -> pool.imap(x -> x, List.of(1)),
          () -> pool.imapUnordered(x -> x, List.of(1), 1),
          // an empty input too: refused, not completed at once
          () -> pool.mapAsync(x -> x, List.of()));
      for (int i = 0; i < calls.size(); i++) {
        assertThatThrownBy(calls.get(i)).as("call %d after %s", i, says)
            .isInstanceOf(IllegalStateException.class).hasMessageContaining(says);
      }
      // a refused call has no result, so no callback either
      assertThat(refusedCalledBack).isEmpty();
      assertThat(pool.isShutdown()).isTrue();
      assertThat(pool.join(5, TimeUnit.SECONDS)).isTrue();
    }
  }

  @ParameterizedTest
  @EachBackend
  void shouldTakeEveryLifeCycleCallAgainAndInAnyOrder(Backend backend) throws Exception {
    // Python's close() and terminate() may be called again, and terminate() after close()
    Pool pool = pool(backend, 2);
    assertThat(pool.isShutdown()).isFalse();
    pool.shutdown();
    pool.shutdown();
    pool.close();
    pool.close();
    assertThat(pool.join(5, TimeUnit.SECONDS)).isTrue();
    pool.terminate();
    pool.terminate();
    pool.join();
    assertThat(pool.isShutdown()).isTrue();
    // and terminate() first, then the others
    Pool terminated = pool(backend, 2);
    terminated.terminate();
    terminated.shutdown();
    terminated.close();
    assertThat(terminated.join(5, TimeUnit.SECONDS)).isTrue();
    assertThatThrownBy(() -> terminated.map(x -> x, List.of(1)))
        .hasMessageContaining("pool is terminated");
  }

  @ParameterizedTest
  @EachBackend
  void shouldRunWorkersOnDaemonThreadsSoAnUnclosedPoolCannotHoldTheJvm(Backend backend)
      throws Exception {
    assumeNotOn(Backend.CLUSTER, backend, "its client's threads are not daemons, as Backend.CLUSTER "
        + "says: a cluster pool must be closed");
    try (Pool pool = pool(backend, 2)) {
      assertThat(pool.apply(() -> Thread.currentThread().isDaemon())).isTrue();
    }
  }

  @ParameterizedTest
  @EachBackend
  void shouldRefuseJoinBeforeCloseOrTerminate(Backend backend) throws Exception {
    try (Pool pool = pool(backend, 1)) {
      assertThatThrownBy(pool::join).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("join() needs shutdown(), close() or terminate() first");
      assertThatThrownBy(() -> pool.join(1, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class);
    }
  }

  @ParameterizedTest
  @EachBackend
  void shouldFinishSubmittedWorkAfterShutdownThenJoin(Backend backend) throws Exception {
    LoopbackLatch release = new LoopbackLatch(1);
    Pool pool = pool(backend, 2);
    AsyncResult<List<Integer>> result = pool.mapAsync(x -> {
      release.await(10, TimeUnit.SECONDS);
      return x;
    }, IntStream.range(0, 20).boxed().toList(), 1);
    int n = backend == Backend.CLUSTER ? 300 : 3000; // a CLUSTER chunk is a round trip
    ResultIterator<Integer> lazy = pool.imap(x -> x + 100, IntStream.range(0, n).boxed().toList());
    pool.shutdown();
    assertThat(pool.join(50, TimeUnit.MILLISECONDS)).isFalse();
    release.countDown();
    assertThat(result.get(5, TimeUnit.SECONDS)).hasSize(20);
    // Python's close-then-consume: the lazy call goes on as it is read
    assertThat(lazy.stream().count()).isEqualTo(n);
    assertThat(pool.join(5, TimeUnit.SECONDS)).isTrue();
  }

  @ParameterizedTest
  @EachBackend
  void shouldCancelEveryPendingResultOnTerminate(Backend backend) throws Exception {
    LoopbackLatch started = new LoopbackLatch(1);
    LoopbackLatch interrupted = new LoopbackLatch(1);
    List<Throwable> errorCallbacks = new CopyOnWriteArrayList<>();
    Pool pool = pool(backend, 1);
    AsyncResult<String> running = pool.applyAsync(callable(() -> {
      started.countDown();
      try {
        Thread.sleep(60_000);
      } catch (InterruptedException e) {
        interrupted.countDown();
      }
      return "never seen";
    }), Callbacks.onError(errorCallbacks::add));
    AsyncResult<List<Integer>> queued = pool.mapAsync(x -> x, List.of(1, 2, 3));
    ResultIterator<Long> lazy = pool.imap(x -> x, () -> Stream.iterate(0L, i -> i + 1).iterator());
    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
    pool.terminate();
    assertThatThrownBy(running::get).isInstanceOf(CancellationException.class)
        .hasMessageContaining("terminated");
    assertThatThrownBy(queued::get).isInstanceOf(CancellationException.class);
    assertThatThrownBy(lazy::next).isInstanceOf(CancellationException.class);
    assertThat(running.ready()).isTrue();
    assertThat(running.successful()).isFalse();
    assertThat(errorCallbacks).singleElement().isInstanceOf(CancellationException.class);
    assertThat(pool.join(5, TimeUnit.SECONDS)).isTrue();
    if (backend == Backend.PLATFORM) {
      assertThat(interrupted.getCount()).as("the running task was interrupted").isZero();
    } else if (backend == Backend.CLUSTER) {
      // its member interrupts it once the pool has told it to, which the pool does not wait for
      assertThat(interrupted.await(5, TimeUnit.SECONDS)).as("the running task was interrupted")
          .isTrue();
    }
  }

  @ParameterizedTest
  @EachBackend
  void shouldWakeTheThreadsAlreadyWaitingWhenTerminated(Backend backend) throws Exception {
    // Python's pending get() can block for ever after terminate(); ours returns at once, and so
    // does a consumer waiting in next()
    LoopbackLatch forever = new LoopbackLatch(1);
    Pool pool = pool(backend, 1);
    try {
      AsyncResult<Boolean> held = pool.applyAsync(callable(() -> forever.await(10, TimeUnit.SECONDS)));
      ResultIterator<Integer> lazy = pool.imap(x -> x, List.of(1, 2));
      AtomicReference<Throwable> fromGet = new AtomicReference<>();
      AtomicReference<Throwable> fromNext = new AtomicReference<>();
      Thread getter = Thread.ofPlatform().start(() -> fromGet.set(outcome(held::get)));
      Thread consumer = Thread.ofPlatform().start(() -> fromNext.set(outcome(lazy::next)));
      await().atMost(Duration.ofSeconds(5)).until(() -> getter.getState() == Thread.State.WAITING
          && consumer.getState() == Thread.State.WAITING);
      pool.terminate();
      getter.join(5_000);
      consumer.join(5_000);
      assertThat(getter.isAlive() || consumer.isAlive()).as("a waiter still waits").isFalse();
      assertThat(fromGet.get()).isInstanceOf(CancellationException.class);
      assertThat(fromNext.get()).isInstanceOf(CancellationException.class);
    } finally {
      forever.countDown();
      pool.terminate();
    }
    assertThat(pool.join(5, TimeUnit.SECONDS)).isTrue();
  }

  @ParameterizedTest
  @EachBackend
  void shouldLeaveAnIteratorReadToItsEndAloneOnTerminate(Backend backend) throws Exception {
    // a consumer that knows how many results there are reads them with next() alone, and never
    // asks hasNext(): the call is complete all the same, so terminate() cancels nothing of it
    Pool pool = pool(backend, 2);
    try {
      ResultIterator<Integer> ordered = pool.imap(x -> x * 2, List.of(1, 2, 3), 2);
      ResultIterator<Integer> unordered = pool.imapUnordered(x -> x * 2, List.of(1, 2, 3));
      assertThat(List.of(ordered.next(), ordered.next(), ordered.next())).containsExactly(2, 4, 6);
      assertThat(List.of(unordered.next(), unordered.next(), unordered.next()))
          .containsExactlyInAnyOrder(2, 4, 6);
      assertThat(pool.pendingCalls()).as("calls read to their end are no longer pending").isZero();
      pool.terminate();
      assertThat(ordered.hasNext()).isFalse();
      assertThat(unordered.hasNext()).isFalse();
      assertThatThrownBy(ordered::next).isInstanceOf(java.util.NoSuchElementException.class);
    } finally {
      pool.terminate();
    }
    assertThat(pool.join(5, TimeUnit.SECONDS)).isTrue();
  }

  /** What {@code call} threw, or null. */
  private static Throwable outcome(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    try {
      call.call();
      return null;
    } catch (Throwable thrown) {
      return thrown;
    }
  }

  @ParameterizedTest
  @EachBackend
  void shouldJoinAfterShutdownOnlyOnceAnOpenIteratorIsReadOrClosed(Backend backend) throws Exception {
    // 10,000 items, a read-ahead of 16: the call cannot finish before its consumer reads on
    Pool pool = builder(backend).workers(2).readAhead(16).create();
    try {
      ResultIterator<Integer> open = pool.imap(x -> x, range(10_000));
      assertThat(open.next()).isZero();
      pool.shutdown();
      assertThat(pool.join(100, TimeUnit.MILLISECONDS)).as("join waits for the open iterator").isFalse();
      open.close();
      assertThat(pool.join(5, TimeUnit.SECONDS)).as("closing the iterator lets the workers go").isTrue();
    } finally {
      pool.terminate();
    }
  }

  @Test
  void shouldCloseEvenWithAnAbandonedEndlessIterator() throws Exception {
    Pool pool = pool(2);
    ResultIterator<Long> abandoned = pool.imap(x -> x, () -> Stream.iterate(0L, i -> i + 1).iterator());
    assertThat(abandoned.next()).isZero();
    pool.close(); // must not wait for an input that never ends
    assertThat(pool.join(1, TimeUnit.SECONDS)).isTrue();
    // what was read ahead still comes out; then the iterator says it was cut short
    assertThatThrownBy(() -> {
      while (abandoned.hasNext()) {
        abandoned.next();
      }
    }).isInstanceOf(CancellationException.class).hasMessageContaining("closed before");
    assertThat(abandoned.hasNext()).isFalse();
  }

  @Test
  void shouldWaitForSubmittedWorkInTryWithResources() throws Exception {
    AsyncResult<String> result;
    LoopbackLatch started = new LoopbackLatch(1);
    try (Pool pool = pool(1)) {
      result = pool.applyAsync(callable(() -> {
        started.countDown();
        Thread.sleep(50);
        return "finished";
      }));
      started.await(5, TimeUnit.SECONDS);
    }
    assertThat(result.ready()).isTrue();
    assertThat(result.get()).isEqualTo("finished");
  }

  @Test
  void shouldRefuseCloseAndJoinFromItsOwnWorker() throws Exception {
    assumeNotOn(Backend.CLUSTER, backend(), "its tasks close and join their own pool, and a pool "
        + "cannot travel to a member; a member's thread is none of the pool's workers either. "
        + "shouldRefuseCloseAndJoinFromACallbackOnItsOwnWorker checks the same refusal on CLUSTER");
    try (Pool pool = pool(1)) {
      Throwable fromWorker = pool.apply(() -> {
        try {
          pool.close();
          return null;
        } catch (IllegalStateException e) {
          return e;
        }
      });
      assertThat(fromWorker).hasMessageContaining("cannot close its own pool");
    }
    CountDownLatch shutDown = new CountDownLatch(1);
    try (Pool pool = pool(1)) {
      AsyncResult<Throwable> joinFromWorker = pool.applyAsync(() -> {
        shutDown.await(5, TimeUnit.SECONDS);
        try {
          pool.join();
          return null;
        } catch (IllegalStateException e) {
          return e;
        }
      });
      pool.shutdown();
      shutDown.countDown();
      assertThat(joinFromWorker.get()).hasMessageContaining("cannot wait for its own pool");
    }
  }

  @Test
  void shouldRefuseCloseAndJoinFromACallbackOnItsOwnWorker() throws Exception {
    // callbacks run on the pool's own workers, on every backend (on CLUSTER in the caller's JVM,
    // where the workers wait for their members)
    AtomicReference<Throwable> fromClose = new AtomicReference<>();
    try (Pool pool = pool(1)) {
      pool.applyAsync(x -> x, 1, Callbacks.onResult(result -> {
        try {
          pool.close();
        } catch (IllegalStateException e) {
          fromClose.set(e);
        }
      })).get();
      assertThat(fromClose.get()).hasMessageContaining("cannot close its own pool");
    }
    AtomicReference<Throwable> fromJoin = new AtomicReference<>();
    try (Pool pool = pool(1)) {
      pool.applyAsync(x -> x, 1, Callbacks.onResult(result -> {
        pool.shutdown();
        try {
          pool.join();
        } catch (IllegalStateException e) {
          fromJoin.set(e);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      })).get();
      assertThat(fromJoin.get()).hasMessageContaining("cannot wait for its own pool");
    }
  }

  @ParameterizedTest
  @EachBackend
  void shouldTerminateOnInterruptWhileClosing(Backend backend) throws Exception {
    LoopbackLatch started = new LoopbackLatch(1);
    Pool pool = pool(backend, 1);
    AsyncResult<Object> stuck = pool.applyAsync(callable(() -> {
      started.countDown();
      new CountDownLatch(1).await(); // only an interrupt ends this
      return null;
    }));
    started.await(5, TimeUnit.SECONDS);
    AtomicReference<Boolean> interruptKept = new AtomicReference<>();
    Thread closer = Thread.ofPlatform().start(() -> {
      pool.close();
      interruptKept.set(Thread.currentThread().isInterrupted());
    });
    await().atMost(Duration.ofSeconds(5)).until(() -> closer.getState() == Thread.State.WAITING
        || closer.getState() == Thread.State.TIMED_WAITING);
    closer.interrupt();
    closer.join(5_000);
    assertThat(closer.isAlive()).isFalse();
    assertThatThrownBy(stuck::get).isInstanceOf(CancellationException.class);
    // close() went on waiting after the interrupt, until the workers were gone, and kept it
    assertThat(interruptKept.get()).as("close() keeps the interrupt").isTrue();
    assertThat(pool.join(0, TimeUnit.SECONDS)).as("close() returned with every worker gone").isTrue();
  }

  @ParameterizedTest
  @EachBackend
  void shouldRunEveryCallAcceptedWhileShuttingDown(Backend backend) throws Exception {
    // a CLUSTER pool connects a client to its members (tens of milliseconds) and each call is a
    // round trip, so fewer rounds and calls there: the race of submit and shutdown is the
    // dispatcher's, which every backend shares, and it is run at the first calls of a round
    int rounds = backend == Backend.CLUSTER ? 10 : 200;
    int mostCalls = backend == Backend.CLUSTER ? 200 : Integer.MAX_VALUE;
    for (int round = 0; round < rounds; round++) {
      Pool pool = pool(backend, 2);
      List<AsyncResult<Integer>> accepted = new CopyOnWriteArrayList<>();
      CountDownLatch submitting = new CountDownLatch(1);
      Thread submitter = Thread.ofPlatform().start(() -> {
        submitting.countDown();
        for (int i = 0; i < mostCalls; i++) {
          try {
            accepted.add(pool.applyAsync(x -> x, i));
          } catch (IllegalStateException closed) {
            return;
          }
        }
      });
      submitting.await();
      pool.shutdown();
      submitter.join(5_000);
      for (AsyncResult<Integer> result : accepted) {
        assertThat(result.await(5, TimeUnit.SECONDS)).as("round %d: an accepted call ran", round).isTrue();
      }
      assertThat(pool.join(5, TimeUnit.SECONDS)).isTrue();
    }
  }
}
