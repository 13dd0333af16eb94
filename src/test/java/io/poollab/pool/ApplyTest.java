package io.poollab.pool;

import static io.poollab.pool.TestPools.callable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;

/** {@code apply} and {@code applyAsync}: results, readiness, failures, callbacks, futures. */
@Timeout(20)
public class ApplyTest extends PoolBehaviourTest {

  @ParameterizedTest
  @EachBackend
  void shouldApplyOnAWorker(Backend backend) throws Exception {
    try (Pool pool = pool(backend, 2)) {
      // the thread's name and kind, not the thread: a cluster member's thread cannot travel back
      String caller = Thread.currentThread().getName();
      assertThat(pool.apply(callable(() -> Thread.currentThread().getName()))).isNotEqualTo(caller);
      assertThat(pool.apply(callable(() -> Thread.currentThread().isVirtual())))
          .isEqualTo(backend == Backend.VIRTUAL);
      Integer length = pool.apply(String::length, "hello");
      assertThat(length).isEqualTo(5);
    }
  }

  @ParameterizedTest
  @EachBackend
  void shouldReportReadinessAndSuccess(Backend backend) throws Exception {
    LoopbackLatch release = new LoopbackLatch(1);
    try (Pool pool = pool(backend, 1)) {
      AsyncResult<String> result = pool.applyAsync(callable(() -> {
        release.await(10, TimeUnit.SECONDS);
        return "done";
      }));
      assertThat(result.ready()).isFalse();
      assertThatThrownBy(result::successful).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("before the result is ready");
      assertThatThrownBy(() -> result.get(20, TimeUnit.MILLISECONDS))
          .isInstanceOf(TimeoutException.class).hasMessage("no result within 20 milliseconds");
      assertThat(result.await(20, TimeUnit.MILLISECONDS)).isFalse();
      release.countDown();
      result.await();
      assertThat(result.ready()).isTrue();
      assertThat(result.successful()).isTrue();
      assertThat(result.get()).isEqualTo("done");
      assertThat(result.await(0, TimeUnit.SECONDS)).isTrue();
    }
  }

  @ParameterizedTest
  @EachBackend
  void shouldReRaiseTheTasksExceptionFromGet(Backend backend) throws Exception {
    try (Pool pool = pool(backend, 2)) {
      AsyncResult<Integer> result = pool.applyAsync(x -> 1 / x, 0);
      assertThatThrownBy(result::get).isInstanceOf(TaskFailedException.class)
          .hasCauseInstanceOf(ArithmeticException.class);
      // wait() says nothing about the outcome
      result.await();
      assertThat(result.successful()).isFalse();
      assertThatThrownBy(() -> pool.apply(callable(() -> {
        throw new java.io.IOException("disk");
      }))).isInstanceOf(TaskFailedException.class).hasRootCauseMessage("disk");
      assertThat(pool.apply(callable(() -> "still working"))).isEqualTo("still working");
    }
  }

  @ParameterizedTest
  @EachBackend
  void shouldRunExactlyOneCallbackBeforeGetReturns(Backend backend) throws Exception {
    List<String> events = new CopyOnWriteArrayList<>();
    try (Pool pool = pool(backend, 2)) {
      AsyncResult<Integer> ok = pool.applyAsync(x -> x * 2, 21, Callbacks.of(
          v -> { sleepBriefly(); events.add("result " + v); }, e -> events.add("error " + e)));
      assertThat(ok.get()).isEqualTo(42);
      assertThat(events).containsExactly("result 42");
      events.clear();
      AsyncResult<Integer> bad = pool.applyAsync(x -> 1 / x, 0, Callbacks.of(
          v -> events.add("result " + v), e -> { sleepBriefly(); events.add("error " + e.getClass().getSimpleName()); }));
      assertThatThrownBy(bad::get).isInstanceOf(TaskFailedException.class);
      assertThat(events).containsExactly("error ArithmeticException");
      AtomicBoolean onlyError = new AtomicBoolean();
      assertThat(pool.applyAsync(callable(() -> "x"), Callbacks.<String>onError(e -> onlyError.set(true))).get())
          .isEqualTo("x");
      assertThat(onlyError).isFalse();
    }
  }

  @ParameterizedTest
  @EachBackend
  void shouldNotBeReadyUntilTheCallbackHasFinished(Backend backend) throws Exception {
    // the callback runs in this JVM (on CLUSTER too), so a plain latch holds it
    CountDownLatch callbackEntered = new CountDownLatch(1);
    CountDownLatch releaseCallback = new CountDownLatch(1);
    AtomicReference<String> callbackThread = new AtomicReference<>();
    try (Pool pool = builder(backend).workers(1).threadNamePrefix("apply-worker-").create()) {
      AsyncResult<Integer> result = pool.applyAsync(x -> x + 1, 1, Callbacks.onResult(v -> {
        callbackThread.set(Thread.currentThread().getName());
        callbackEntered.countDown();
        try {
          releaseCallback.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }));
      assertThat(callbackEntered.await(5, TimeUnit.SECONDS)).isTrue();
      // the task has finished, its callback has not: the result is not ready yet
      assertThat(result.ready()).isFalse();
      assertThatThrownBy(result::successful).isInstanceOf(IllegalStateException.class);
      assertThat(result.await(20, TimeUnit.MILLISECONDS)).isFalse();
      assertThatThrownBy(() -> result.get(20, TimeUnit.MILLISECONDS))
          .isInstanceOf(TimeoutException.class);
      releaseCallback.countDown();
      assertThat(result.get(5, TimeUnit.SECONDS)).isEqualTo(2);
      assertThat(result.ready()).isTrue();
      // on one of the pool's workers (a CLUSTER worker waits for its member in this JVM)
      assertThat(callbackThread.get()).matches("apply-worker-\\d+");
    }
  }

  @ParameterizedTest
  @EachBackend
  void shouldThrowInterruptedExceptionFromAnInterruptedWait(Backend backend) throws Exception {
    LoopbackLatch release = new LoopbackLatch(1);
    try (Pool pool = pool(backend, 1)) {
      AsyncResult<String> pending = pool.applyAsync(callable(() -> {
        release.await(10, TimeUnit.SECONDS);
        return "done";
      }));
      try {
        Thread.currentThread().interrupt();
        assertThatThrownBy(pending::get).isInstanceOf(InterruptedException.class);
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> pending.get(5, TimeUnit.SECONDS))
            .isInstanceOf(InterruptedException.class);
        Thread.currentThread().interrupt();
        assertThatThrownBy(pending::await).isInstanceOf(InterruptedException.class);
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> pending.await(5, TimeUnit.SECONDS))
            .isInstanceOf(InterruptedException.class);
      } finally {
        Thread.interrupted(); // whatever the assertions left, this thread goes on uninterrupted
      }
      // the call itself is unaffected by its waiter's interrupt
      assertThat(pending.ready()).isFalse();
      release.countDown();
      assertThat(pending.get(5, TimeUnit.SECONDS)).isEqualTo("done");
    }
  }

  private static void sleepBriefly() {
    try {
      Thread.sleep(20); // widens the window in which get() could return too early
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @ParameterizedTest
  @EachBackend
  void shouldComposeThroughTheCompletableFutureView(Backend backend) throws Exception {
    try (Pool pool = pool(backend, 2)) {
      CompletableFuture<Integer> view = pool.applyAsync(callable(() -> 20)).toCompletableFuture();
      assertThat(view.thenApply(x -> x + 1).get(5, TimeUnit.SECONDS)).isEqualTo(21);
      CompletableFuture<Integer> failed =
          pool.applyAsync(callable(() -> Integer.parseInt("x"))).toCompletableFuture();
      assertThatThrownBy(() -> failed.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(TaskFailedException.class)
          .hasRootCauseInstanceOf(NumberFormatException.class);
      // completing the view does not complete the call
      LoopbackLatch release = new LoopbackLatch(1);
      AsyncResult<String> slow = pool.applyAsync(callable(() -> {
        release.await(10, TimeUnit.SECONDS);
        return "real";
      }));
      slow.toCompletableFuture().complete("fake");
      // nor does cancelling it: the call runs on, and a new view has its real outcome
      CompletableFuture<String> cancelled = slow.toCompletableFuture();
      assertThat(cancelled.cancel(true)).isTrue();
      assertThat(slow.ready()).isFalse();
      release.countDown();
      assertThat(slow.get()).isEqualTo("real");
      assertThat(slow.successful()).isTrue();
      assertThat(slow.toCompletableFuture().get(5, TimeUnit.SECONDS)).isEqualTo("real");
    }
  }

  @ParameterizedTest
  @EachBackend
  void shouldGiveATerminatedCallACancelledView(Backend backend) throws Exception {
    LoopbackLatch started = new LoopbackLatch(1);
    LoopbackLatch release = new LoopbackLatch(1);
    try (Pool pool = pool(backend, 1)) {
      AsyncResult<String> held = pool.applyAsync(callable(() -> {
        started.countDown();
        release.await(10, TimeUnit.SECONDS);
        return "late";
      }));
      CompletableFuture<String> before = held.toCompletableFuture();
      CompletableFuture<String> dependent = before.thenApply(s -> s + "!");
      assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
      pool.terminate();
      assertThatThrownBy(held::get).isInstanceOf(CancellationException.class);
      CompletableFuture<String> after = held.toCompletableFuture();
      // a view taken before the cancellation and one taken after: both look cancelled, as the call
      for (CompletableFuture<String> view : List.of(before, after)) {
        assertThat(view.isCancelled()).isTrue();
        assertThat(view.isCompletedExceptionally()).isTrue();
        assertThat(view.state()).isEqualTo(Future.State.CANCELLED);
        assertThatThrownBy(view::get).isInstanceOf(CancellationException.class);
        // the call's own cancellation (get() throws a fresh one around it on recent JDKs)
        assertThat(view.handle((value, failure) -> failure).join())
            .isInstanceOf(CancellationException.class)
            .hasMessage("pool was terminated before this call finished");
        assertThatThrownBy(() -> view.get(5, TimeUnit.SECONDS))
            .isInstanceOf(CancellationException.class);
        assertThatThrownBy(view::join).isInstanceOf(CancellationException.class);
      }
      // what composes on the view fails with the cancellation, as on any cancelled future
      assertThatThrownBy(dependent::join).isInstanceOf(CompletionException.class)
          .hasCauseInstanceOf(CancellationException.class);
      // completing a view of a finished call changes nothing of the call, nor of another view
      after.obtrudeValue("fake");
      assertThat(after.join()).isEqualTo("fake");
      assertThat(before.isCancelled()).isTrue();
      assertThat(held.successful()).isFalse();
      assertThatThrownBy(held::get).isInstanceOf(CancellationException.class);
    } finally {
      release.countDown();
    }
  }

  @ParameterizedTest
  @EachBackend
  void shouldCompleteTheViewWithTheCallsOwnValueOrException(Backend backend) throws Exception {
    try (Pool pool = pool(backend, 1)) {
      AsyncResult<Integer> failing = pool.applyAsync(callable(() -> Integer.parseInt("x")));
      CompletableFuture<Integer> view = failing.toCompletableFuture();
      assertThatThrownBy(failing::get).isInstanceOf(TaskFailedException.class);
      assertThat(view.isCancelled()).isFalse();
      assertThat(view.state()).isEqualTo(Future.State.FAILED);
      // the exception itself, not one wrapped around it (which a copy() of the future had)
      assertThat(view.exceptionNow()).isInstanceOf(TaskFailedException.class)
          .hasCauseInstanceOf(NumberFormatException.class);
      assertThatThrownBy(view::get).isInstanceOf(ExecutionException.class)
          .cause().isSameAs(view.exceptionNow());
      List<Integer> value = List.of(1, 2);
      CompletableFuture<List<Integer>> succeeded =
          pool.applyAsync(callable(() -> value)).toCompletableFuture();
      assertThat(succeeded.get(5, TimeUnit.SECONDS)).isEqualTo(value);
    }
  }

  @ParameterizedTest
  @EachBackend
  void shouldCompleteEveryViewBeforeGetReturns(Backend backend) throws Exception {
    int calls = backend == Backend.CLUSTER ? 200 : 5_000; // a CLUSTER call is a round trip
    try (Pool pool = pool(backend, 2)) {
      for (int i = 0; i < calls; i++) {
        boolean fails = i % 2 == 1;
        AsyncResult<Integer> result = pool.applyAsync(x -> fails ? Integer.parseInt("x") : x, i);
        CompletableFuture<Integer> view = result.toCompletableFuture();
        // the view was completed on the completing thread, which may have let get() go first
        if (fails) {
          assertThatThrownBy(result::get).isInstanceOf(TaskFailedException.class);
          assertThat(view.state()).as("view of failed call %d once get() threw", i)
              .isEqualTo(Future.State.FAILED);
        } else {
          assertThat(result.get()).isEqualTo(i);
          assertThat(view.state()).as("view of call %d once get() returned", i)
              .isEqualTo(Future.State.SUCCESS);
        }
      }
    }
  }

  @ParameterizedTest
  @EachBackend
  void shouldRunManyAsyncCallsConcurrently(Backend backend) throws Exception {
    int calls = backend == Backend.CLUSTER ? 1_000 : 5_000; // a CLUSTER call is a round trip
    try (Pool pool = pool(backend, 4)) {
      List<AsyncResult<Integer>> results = new java.util.ArrayList<>();
      for (int i = 0; i < calls; i++) {
        results.add(pool.applyAsync(x -> x + 1, i));
      }
      long sum = 0;
      for (AsyncResult<Integer> r : results) {
        sum += r.get();
      }
      assertThat(sum).isEqualTo((long) calls * (calls + 1) / 2);
      assertThat(pool.pendingCalls()).isZero();
    }
  }

  @ParameterizedTest
  @EachBackend
  void shouldNotLetOneTasksInterruptReachTheNext(Backend backend) throws Exception {
    try (Pool pool = pool(backend, 1)) {
      // one worker, a batch of items: item 0 interrupts itself, item 1 must still be able to sleep,
      // whether it comes in the next chunk or in the same one (a CLUSTER chunk runs on its member)
      for (int chunksize : new int[] {1, 10}) {
        List<String> outcomes = pool.map(x -> {
          if (x == 0) {
            Thread.currentThread().interrupt();
            return "interrupted itself";
          }
          Thread.sleep(1);
          return "slept";
        }, java.util.stream.IntStream.range(0, 100).boxed().toList(), chunksize);
        assertThat(outcomes.subList(1, 100)).as("chunksize %d", chunksize).containsOnly("slept");
      }
    }
  }
}
