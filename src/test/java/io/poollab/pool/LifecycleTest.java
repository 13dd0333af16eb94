package io.poollab.pool;

import static io.poollab.pool.TestPools.pool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(20)
class LifecycleTest {

  @ParameterizedTest
  @EnumSource(value = Backend.class, names = {"PLATFORM", "VIRTUAL"})
  void shouldRefuseWorkAfterCloseSayingSo(Backend backend) throws Exception {
    Pool pool = pool(backend, 2);
    pool.close();
    assertThat(pool.isShutdown()).isTrue();
    assertThatThrownBy(() -> pool.map(x -> x, List.of(1)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("pool is closed");
    assertThatThrownBy(() -> pool.applyAsync(() -> 1)).hasMessageContaining("pool is closed");
    assertThatThrownBy(() -> pool.imap(x -> x, List.of(1))).hasMessageContaining("pool is closed");
    pool.join(); // returns at once
    Pool terminated = pool(backend, 1);
    terminated.terminate();
    assertThatThrownBy(() -> terminated.apply(() -> 1))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("pool is terminated");
    terminated.join();
  }

  @ParameterizedTest
  @EnumSource(value = Backend.class, names = {"PLATFORM", "VIRTUAL"})
  void shouldRefuseJoinBeforeCloseOrTerminate(Backend backend) throws Exception {
    try (Pool pool = pool(backend, 1)) {
      assertThatThrownBy(pool::join).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("join() needs shutdown(), close() or terminate() first");
      assertThatThrownBy(() -> pool.join(1, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class);
    }
  }

  @ParameterizedTest
  @EnumSource(value = Backend.class, names = {"PLATFORM", "VIRTUAL"})
  void shouldFinishSubmittedWorkAfterShutdownThenJoin(Backend backend) throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    Pool pool = pool(backend, 2);
    AsyncResult<List<Integer>> result = pool.mapAsync(x -> {
      release.await(10, TimeUnit.SECONDS);
      return x;
    }, IntStream.range(0, 20).boxed().toList(), 1);
    ResultIterator<Integer> lazy = pool.imap(x -> x + 100, IntStream.range(0, 3000).boxed().toList());
    pool.shutdown();
    assertThat(pool.join(50, TimeUnit.MILLISECONDS)).isFalse();
    release.countDown();
    assertThat(result.get(5, TimeUnit.SECONDS)).hasSize(20);
    // Python's close-then-consume: the lazy call goes on as it is read
    assertThat(lazy.stream().count()).isEqualTo(3000);
    assertThat(pool.join(5, TimeUnit.SECONDS)).isTrue();
  }

  @ParameterizedTest
  @EnumSource(value = Backend.class, names = {"PLATFORM", "VIRTUAL"})
  void shouldCancelEveryPendingResultOnTerminate(Backend backend) throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    AtomicBoolean interrupted = new AtomicBoolean();
    List<Throwable> errorCallbacks = new CopyOnWriteArrayList<>();
    Pool pool = pool(backend, 1);
    AsyncResult<String> running = pool.applyAsync(() -> {
      started.countDown();
      try {
        Thread.sleep(60_000);
      } catch (InterruptedException e) {
        interrupted.set(true);
      }
      return "never seen";
    }, Callbacks.onError(errorCallbacks::add));
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
      assertThat(interrupted).isTrue();
    }
  }

  @Test
  void shouldCloseEvenWithAnAbandonedEndlessIterator() throws Exception {
    Pool pool = pool(Backend.PLATFORM, 2);
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
    CountDownLatch started = new CountDownLatch(1);
    try (Pool pool = pool(Backend.PLATFORM, 1)) {
      result = pool.applyAsync(() -> {
        started.countDown();
        Thread.sleep(50);
        return "finished";
      });
      started.await(5, TimeUnit.SECONDS);
    }
    assertThat(result.ready()).isTrue();
    assertThat(result.get()).isEqualTo("finished");
  }

  @Test
  void shouldRefuseCloseAndJoinFromItsOwnWorker() throws Exception {
    try (Pool pool = pool(Backend.PLATFORM, 1)) {
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
    try (Pool pool = pool(Backend.PLATFORM, 1)) {
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

  @ParameterizedTest
  @EnumSource(value = Backend.class, names = {"PLATFORM", "VIRTUAL"})
  void shouldTerminateOnInterruptWhileClosing(Backend backend) throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    Pool pool = pool(backend, 1);
    AsyncResult<Object> stuck = pool.applyAsync(() -> {
      started.countDown();
      new CountDownLatch(1).await(); // only an interrupt ends this
      return null;
    });
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
  @EnumSource(value = Backend.class, names = {"PLATFORM", "VIRTUAL"})
  void shouldRunEveryCallAcceptedWhileShuttingDown(Backend backend) throws Exception {
    for (int round = 0; round < 200; round++) {
      Pool pool = pool(backend, 2);
      List<AsyncResult<Integer>> accepted = new CopyOnWriteArrayList<>();
      CountDownLatch submitting = new CountDownLatch(1);
      Thread submitter = Thread.ofPlatform().start(() -> {
        submitting.countDown();
        for (int i = 0; ; i++) {
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
