package io.poollab.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The failures Python's pool handles badly, each handled here. */
@Timeout(30)
class FaultToleranceTest {

  private static int recurse(int depth) {
    return recurse(depth + 1) + 1;
  }

  @ParameterizedTest
  @EnumSource(value = Backend.class, names = {"PLATFORM", "VIRTUAL"})
  void shouldFailOnlyTheTaskThatThrewAnErrorAndReplaceItsWorker(Backend backend) throws Exception {
    Set<Thread> threads = ConcurrentHashMap.newKeySet();
    try (Pool pool = Pool.builder().backend(backend).workers(2).create()) {
      Thread first = pool.apply(Thread::currentThread);
      assertThatThrownBy(() -> pool.apply(() -> recurse(0)))
          .isInstanceOf(TaskFailedException.class).hasCauseInstanceOf(StackOverflowError.class);
      assertThatThrownBy(() -> pool.apply(() -> {
        throw new OutOfMemoryError("simulated");
      })).hasCauseInstanceOf(OutOfMemoryError.class);
      assertThatThrownBy(() -> pool.apply(() -> {
        throw new AssertionError("broken invariant");
      })).hasCauseInstanceOf(AssertionError.class);
      // the pool still has two live workers: two tasks that must run at the same time both pass
      CountDownLatch both = new CountDownLatch(2);
      List<Boolean> passed = pool.map(x -> {
        threads.add(Thread.currentThread());
        both.countDown();
        return both.await(5, TimeUnit.SECONDS);
      }, List.of(1, 2), 1);
      assertThat(passed).containsOnly(true);
      assertThat(threads).hasSize(2);
      assertThat(first.isAlive() && threads.contains(first) ? 1 : 0).isLessThanOrEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(value = Backend.class, names = {"PLATFORM", "VIRTUAL"})
  void shouldFailOnlyTheItemWhoseTaskThrewAnErrorInImap(Backend backend) throws Exception {
    try (Pool pool = Pool.builder().backend(backend).workers(2).create();
        ResultIterator<Integer> it = pool.imap(x -> {
          if (x == 5) {
            throw new StackOverflowError("simulated");
          }
          return x;
        }, IntStream.range(0, 50).boxed().toList(), 3)) {
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
  @EnumSource(value = Backend.class, names = {"PLATFORM", "VIRTUAL"})
  void shouldReportAThrowingCallbackAndKeepEverythingWorking(Backend backend) throws Exception {
    List<Throwable> reported = new CopyOnWriteArrayList<>();
    try (Pool pool = Pool.builder().backend(backend).workers(2).callbackErrorHandler(reported::add).create()) {
      AsyncResult<Integer> result = pool.applyAsync(() -> 7, Callbacks.onResult(v -> {
        throw new IllegalStateException("callback bug");
      }));
      assertThat(result.get()).isEqualTo(7);
      assertThat(result.successful()).isTrue();
      AsyncResult<Integer> failed = pool.applyAsync(() -> 1 / 0, Callbacks.onError(e -> {
        throw new IllegalArgumentException("error callback bug");
      }));
      assertThatThrownBy(failed::get).hasCauseInstanceOf(ArithmeticException.class);
      assertThat(reported).extracting(Throwable::getMessage)
          .containsExactly("callback bug", "error callback bug");
      assertThat(pool.map(x -> x + 1, List.of(1, 2, 3))).containsExactly(2, 3, 4);
    }
  }

  @ParameterizedTest
  @EnumSource(value = Backend.class, names = {"PLATFORM", "VIRTUAL"})
  void shouldBreakThePoolOnceWhenTheInitializerThrows(Backend backend) throws Exception {
    AtomicInteger initializerRuns = new AtomicInteger();
    Pool pool = Pool.builder().backend(backend).workers(3).initializer(() -> {
      initializerRuns.incrementAndGet();
      throw new IllegalStateException("no database");
    }).create();
    try {
      assertThatThrownBy(() -> pool.map(x -> x, List.of(1, 2, 3)))
          .isInstanceOf(PoolBrokenException.class)
          .hasMessageContaining("initializer threw")
          .hasCauseInstanceOf(IllegalStateException.class)
          .hasRootCauseMessage("no database");
      assertThatThrownBy(() -> pool.applyAsync(() -> 1))
          .isInstanceOf(PoolBrokenException.class).hasRootCauseMessage("no database");
      assertThat(pool.join(5, TimeUnit.SECONDS)).isTrue();
      // no respawning: each of the three workers tried once at most
      assertThat(initializerRuns.get()).isBetween(1, 3);
    } finally {
      pool.terminate();
    }
  }

  @ParameterizedTest
  @EnumSource(value = Backend.class, names = {"PLATFORM", "VIRTUAL"})
  void shouldGiveEachWorkerItsOwnStateFromTheInitializer(Backend backend) throws Exception {
    AtomicInteger made = new AtomicInteger();
    WorkerLocal<int[]> counter = WorkerLocal.of(() -> {
      made.incrementAndGet();
      return new int[1];
    });
    try (Pool pool = Pool.builder().backend(backend).workers(3).initializer(counter::initialize).create()) {
      List<Integer> counts = pool.map(x -> ++counter.get()[0], IntStream.range(0, 300).boxed().toList(), 10);
      assertThat(counts).hasSize(300);
      // each worker counted only its own tasks: at most one first task per worker
      assertThat(counts.stream().filter(c -> c == 1).count()).isBetween(1L, 3L);
      // every worker made its own state once, in its initializer (a worker that got no task may
      // still be starting, so wait for it)
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> made.get() == 3);
      assertThat(pool.map(x -> counter.get().length, List.of(1, 2, 3))).containsOnly(1);
      assertThat(made).hasValue(3);
    }
  }

  @Test
  void shouldRetireAndReplaceWorkersAfterMaxTasks() throws Exception {
    Set<String> threadNames = ConcurrentHashMap.newKeySet();
    AtomicInteger initializerRuns = new AtomicInteger();
    try (Pool pool = Pool.builder().workers(2).maxTasksPerWorker(3)
        .initializer(initializerRuns::incrementAndGet).create()) {
      List<String> names = pool.map(x -> Thread.currentThread().getName(),
          IntStream.range(0, 30).boxed().toList(), 1);
      threadNames.addAll(names);
      // 30 chunks, at most 3 per worker: at least 10 workers ran them
      assertThat(threadNames).hasSizeGreaterThanOrEqualTo(10);
      assertThat(initializerRuns.get()).isGreaterThanOrEqualTo(10);
      assertThat(pool.map(x -> x, List.of(1, 2))).containsExactly(1, 2);
    }
  }
}
