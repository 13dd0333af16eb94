package io.poollab.pool;

import static io.poollab.pool.TestPools.callable;
import static io.poollab.pool.TestPools.range;
import static io.poollab.pool.TestPools.runnable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;

/** The failures Python's pool handles badly, each handled here. */
@Timeout(30)
public class FaultToleranceTest extends PoolBehaviourTest {

  private static int recurse(int depth) {
    return recurse(depth + 1) + 1;
  }

  @ParameterizedTest
  @EachBackend
  void shouldFailOnlyTheTaskThatThrewAnErrorAndReplaceItsWorker(Backend backend) throws Exception {
    LoopbackList threads = new LoopbackList();
    try (Pool pool = builder(backend).workers(2).create()) {
      assertThatThrownBy(() -> pool.apply(callable(() -> recurse(0))))
          .isInstanceOf(TaskFailedException.class).hasCauseInstanceOf(StackOverflowError.class);
      assertThatThrownBy(() -> pool.apply(callable(() -> {
        throw new OutOfMemoryError("simulated");
      }))).hasCauseInstanceOf(OutOfMemoryError.class);
      assertThatThrownBy(() -> pool.apply(callable(() -> {
        throw new AssertionError("broken invariant");
      }))).hasCauseInstanceOf(AssertionError.class);
      // the pool still has two live workers: two tasks that must run at the same time both pass
      LoopbackLatch both = new LoopbackLatch(2);
      List<Boolean> passed = pool.map(x -> {
        threads.add(Thread.currentThread().getName());
        both.countDown();
        return both.await(5, TimeUnit.SECONDS);
      }, List.of(1, 2), 1);
      assertThat(passed).containsOnly(true);
      assertThat(threads.values()).doesNotHaveDuplicates().hasSize(2);
    }
  }

  @ParameterizedTest
  @EachBackend
  void shouldFailOnlyTheItemWhoseTaskThrewAnErrorInImap(Backend backend) throws Exception {
    try (Pool pool = builder(backend).workers(2).create();
        ResultIterator<Integer> it = pool.imap(x -> {
          if (x == 5) {
            throw new StackOverflowError("simulated");
          }
          return x;
        }, range(50), 3)) {
      int ok = 0;
      int failed = 0;
      while (it.hasNext()) {
        try {
          it.next();
          ok++;
        } catch (TaskFailedException e) {
          assertThat(e.getCause()).isInstanceOf(StackOverflowError.class);
          failed++;
        }
      }
      assertThat(ok).isEqualTo(49);
      assertThat(failed).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EachBackend
  void shouldReportAThrowingCallbackAndKeepEverythingWorking(Backend backend) throws Exception {
    List<Throwable> reported = new CopyOnWriteArrayList<>();
    try (Pool pool = builder(backend).workers(2).callbackErrorHandler(reported::add).create()) {
      AsyncResult<Integer> result = pool.applyAsync(callable(() -> 7), Callbacks.onResult(v -> {
        throw new IllegalStateException("callback bug");
      }));
      assertThat(result.get()).isEqualTo(7);
      assertThat(result.successful()).isTrue();
      AsyncResult<Integer> failed = pool.applyAsync(callable(() -> 1 / 0), Callbacks.onError(e -> {
        throw new IllegalArgumentException("error callback bug");
      }));
      assertThatThrownBy(failed::get).hasCauseInstanceOf(ArithmeticException.class);
      assertThat(reported).extracting(Throwable::getMessage)
          .containsExactly("callback bug", "error callback bug");
      assertThat(pool.map(x -> x + 1, List.of(1, 2, 3))).containsExactly(2, 3, 4);
    }
  }

  @ParameterizedTest
  @EachBackend
  void shouldBreakThePoolOnceWhenTheInitializerThrows(Backend backend) throws Exception {
    LoopbackList initializerRuns = new LoopbackList();
    Pool pool = builder(backend).workers(3).initializer(runnable(() -> {
      initializerRuns.add(Thread.currentThread().getName());
      throw new IllegalStateException("no database");
    })).create();
    try {
      assertThatThrownBy(() -> pool.map(x -> x, List.of(1, 2, 3)))
          .isInstanceOf(PoolBrokenException.class)
          .hasMessageContaining("initializer threw")
          .hasCauseInstanceOf(IllegalStateException.class)
          .hasRootCauseMessage("no database");
      assertThatThrownBy(() -> pool.applyAsync(callable(() -> 1)))
          .isInstanceOf(PoolBrokenException.class).hasRootCauseMessage("no database");
      // every kind of later call, and the pool says it accepts no work
      assertThatThrownBy(() -> pool.imap(x -> x, List.of(1)))
          .isInstanceOf(PoolBrokenException.class).hasRootCauseMessage("no database");
      assertThatThrownBy(() -> pool.imapUnordered(x -> x, List.of(1)))
          .isInstanceOf(PoolBrokenException.class).hasRootCauseMessage("no database");
      assertThatThrownBy(() -> pool.mapAsync(x -> x, List.of()))
          .isInstanceOf(PoolBrokenException.class).hasRootCauseMessage("no database");
      assertThat(pool.isShutdown()).isTrue();
      assertThat(pool.join(5, TimeUnit.SECONDS)).isTrue();
      // no respawning: each of the three workers tried once at most
      assertThat(initializerRuns.values()).doesNotHaveDuplicates().hasSizeBetween(1, 3);
    } finally {
      pool.terminate();
    }
  }

  @ParameterizedTest
  @EachBackend
  void shouldFailEveryPendingCallWhenTheInitializerThrowsLate(Backend backend) throws Exception {
    // the calls are submitted while the initializer still runs, so they are pending when it throws
    LoopbackLatch initializerMayThrow = new LoopbackLatch(1);
    List<Throwable> errorCallbacks = new CopyOnWriteArrayList<>();
    Pool pool = builder(backend).workers(1).initializer(runnable(() -> {
      try {
        initializerMayThrow.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("no database");
    })).create();
    try {
      AsyncResult<Integer> applied = pool.applyAsync(x -> x, 1, Callbacks.onError(errorCallbacks::add));
      AsyncResult<List<Integer>> mapped = pool.mapAsync(x -> x, List.of(1, 2, 3));
      ResultIterator<Integer> lazy = pool.imap(x -> x, List.of(1, 2, 3));
      assertThat(applied.ready()).isFalse();
      initializerMayThrow.countDown();
      assertThatThrownBy(applied::get).isInstanceOf(PoolBrokenException.class)
          .hasRootCauseMessage("no database");
      assertThatThrownBy(mapped::get).isInstanceOf(PoolBrokenException.class)
          .hasRootCauseMessage("no database");
      assertThatThrownBy(lazy::next).isInstanceOf(PoolBrokenException.class)
          .hasRootCauseMessage("no database");
      assertThat(applied.successful()).isFalse();
      // the error callback ran once, with the pool's verdict (no task threw)
      assertThat(errorCallbacks).singleElement().isInstanceOf(PoolBrokenException.class);
      assertThat(pool.join(5, TimeUnit.SECONDS)).isTrue();
    } finally {
      initializerMayThrow.countDown();
      pool.terminate();
    }
  }

  @ParameterizedTest
  @EachBackend
  void shouldBreakThePoolWithTheInitializersExceptionAsCauseWhateverItsType(Backend backend)
      throws Exception {
    // an initializer that uses another pool, which is broken: this pool breaks because of its
    // initializer, whose exception (the other pool's PoolBrokenException) is the cause
    Pool pool = builder(backend).workers(2).initializer(runnable(() -> {
      throw new PoolBrokenException("the other pool is broken", new IllegalStateException("no database"));
    })).create();
    try {
      assertThatThrownBy(() -> pool.map(x -> x, List.of(1, 2, 3)))
          .isInstanceOf(PoolBrokenException.class)
          .hasMessageContaining("initializer threw")
          .cause().isInstanceOf(PoolBrokenException.class).hasMessage("the other pool is broken");
      assertThatThrownBy(() -> pool.applyAsync(callable(() -> 1)))
          .isInstanceOf(PoolBrokenException.class).hasMessageContaining("initializer threw")
          .cause().hasMessage("the other pool is broken");
      assertThat(pool.join(5, TimeUnit.SECONDS)).isTrue();
    } finally {
      pool.terminate();
    }
  }

  @ParameterizedTest
  @EachBackend
  void shouldGiveEachWorkerItsOwnStateFromTheInitializer(Backend backend) throws Exception {
    LoopbackList made = new LoopbackList();
    WorkerLocal<int[]> counter = WorkerLocal.of(callable(() -> {
      made.add(Thread.currentThread().getName());
      return new int[1];
    }));
    try (Pool pool =
        builder(backend).workers(3).initializer(runnable(counter::initialize)).create()) {
      List<Integer> counts = pool.map(x -> ++counter.get()[0], range(300), 10);
      assertThat(counts).hasSize(300);
      // each worker counted only its own tasks: at most one first task per worker
      assertThat(counts.stream().filter(c -> c == 1).count()).isBetween(1L, 3L);
      // every worker made its own state once, in its initializer: three tasks that meet at a latch
      // run on all three workers, so each of them has run its initializer by then (a thread worker
      // when it started, a CLUSTER worker on its member, sent there when the worker started)
      LoopbackLatch meeting = new LoopbackLatch(3);
      assertThat(pool.map(x -> {
        meeting.countDown();
        return meeting.await(5, TimeUnit.SECONDS) ? counter.get().length : -1;
      }, List.of(1, 2, 3), 1)).containsOnly(1);
      assertThat(made.values()).doesNotHaveDuplicates().hasSize(3);
    }
  }

  @Test
  void shouldRetireAndReplaceWorkersAfterMaxTasks() throws Exception {
    Set<String> threadNames = ConcurrentHashMap.newKeySet();
    LoopbackList initializerRuns = new LoopbackList();
    try (Pool pool = builder(backend()).workers(2).maxTasksPerWorker(3)
        .initializer(runnable(() -> initializerRuns.add(Thread.currentThread().getName())))
        .create()) {
      List<String> names = pool.map(x -> Thread.currentThread().getName(),
          range(30), 1);
      threadNames.addAll(names);
      // 30 chunks, at most 3 per worker: at least 10 workers ran them
      assertThat(threadNames).hasSizeGreaterThanOrEqualTo(10);
      assertThat(initializerRuns.values()).hasSizeGreaterThanOrEqualTo(10);
      assertThat(pool.map(x -> x, List.of(1, 2))).containsExactly(1, 2);
    }
  }

  @Test
  void shouldCountChunksNotItemsTowardsMaxTasksPerWorker() throws Exception {
    // one chunk per worker: a chunk of ten items runs whole on one worker (so items are not what
    // is counted), and no worker runs a second chunk (so chunks are)
    try (Pool pool = builder(backend()).workers(2).maxTasksPerWorker(1).create()) {
      List<String> names = pool.map(x -> Thread.currentThread().getName(), range(40), 10);
      List<String> lazyNames;
      try (ResultIterator<String> it =
          pool.imap(x -> Thread.currentThread().getName(), range(40), 10)) {
        lazyNames = it.stream().toList();
      }
      for (List<String> ran : List.of(names, lazyNames)) {
        for (int chunk = 0; chunk < 4; chunk++) {
          assertThat(ran.subList(chunk * 10, chunk * 10 + 10)).as("chunk %d", chunk)
              .containsOnly(ran.get(chunk * 10));
        }
        assertThat(Set.copyOf(ran)).as("one worker per chunk").hasSize(4);
      }
    }
  }

  @Test
  void shouldReportAThrowingCallbackOnStandardErrorByDefault() throws Exception {
    java.io.PrintStream original = System.err;
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
    try (Pool pool = builder(backend()).workers(1).create()) {
      AsyncResult<Integer> result = pool.applyAsync(x -> x, 7, Callbacks.onResult(v -> {
        throw new IllegalStateException("callback bug 7");
      }));
      // the handler has run before get() returns: the callback, and its report, come first
      assertThat(result.get(5, TimeUnit.SECONDS)).isEqualTo(7);
    } finally {
      System.setErr(original);
    }
    assertThat(captured.toString(java.nio.charset.StandardCharsets.UTF_8))
        .contains("a callback threw").contains("callback bug 7");
  }
}
