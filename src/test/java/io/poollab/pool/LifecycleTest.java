package io.poollab.pool;

import static io.poollab.pool.TestPools.callable;
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
    Thread closer = Thread.ofPlatform().start(pool::close);
    await().atMost(Duration.ofSeconds(5)).until(() -> closer.getState() == Thread.State.WAITING
        || closer.getState() == Thread.State.TIMED_WAITING);
    closer.interrupt();
    closer.join(5_000);
    assertThat(closer.isAlive()).isFalse();
    assertThatThrownBy(stuck::get).isInstanceOf(CancellationException.class);
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
