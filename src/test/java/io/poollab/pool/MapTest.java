package io.poollab.pool;

import static io.poollab.pool.TestPools.range;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;

/** {@code map}, {@code mapAsync}, {@code starmap}: order, chunks, failures, callbacks. */
@Timeout(20)
public class MapTest extends PoolBehaviourTest {

  @ParameterizedTest
  @EachBackend
  void shouldReturnResultsInInputOrder(Backend backend) throws Exception {
    try (Pool pool = pool(backend, 4)) {
      List<Integer> squares = pool.map(x -> x * x, range(10_000));
      assertThat(squares).isEqualTo(range(10_000).stream().map(x -> x * x).toList());
      assertThat(pool.map(x -> x + 1, range(1000), 1)).isEqualTo(range(1000).stream().map(x -> x + 1).toList());
      assertThat(pool.map(x -> -x, range(1000), 10_000)).hasSize(1000).startsWith(0, -1, -2);
    }
  }

  @ParameterizedTest
  @EachBackend
  void shouldMaterialiseAnyIterable(Backend backend) throws Exception {
    Iterable<Integer> oneShot = () -> range(50).iterator();
    try (Pool pool = pool(backend, 2)) {
      assertThat(pool.map(x -> x * 2, oneShot)).hasSize(50).endsWith(98);
    }
  }

  @Test
  void shouldUsePythonsDefaultChunksize() {
    assumeNotOn(Backend.CLUSTER, backend(), "it uses no pool: Pool.defaultChunksize is one "
        + "function for every backend, checked once, by MapTest");
    assertThat(Pool.defaultChunksize(1_049_938, 16)).isEqualTo(16_406); // ceil(1049938 / 64)
    assertThat(Pool.defaultChunksize(100, 4)).isEqualTo(7);
    assertThat(Pool.defaultChunksize(1, 16)).isEqualTo(1);
    assertThat(Pool.defaultChunksize(0, 4)).isEqualTo(1);
  }

  @Test
  void shouldSplitMapIntoDefaultChunksOfContiguousItems() throws Exception {
    // 100 items, 2 workers: chunksize ceil(100/8) = 13, so 8 chunks; each chunk runs on one thread
    Set<String> chunksSeen = ConcurrentHashMap.newKeySet();
    try (Pool pool = pool(2)) {
      List<String> threads = pool.map(x -> Thread.currentThread().getName(), range(100));
      for (int start = 0; start < 100; start += 13) {
        chunksSeen.add(threads.get(start));
        for (int i = start; i < Math.min(100, start + 13); i++) {
          assertThat(threads.get(i)).as("item %d in chunk from %d", i, start).isEqualTo(threads.get(start));
        }
      }
    }
    assertThat(chunksSeen).isNotEmpty();
  }

  @ParameterizedTest
  @EachBackend
  void shouldReturnAnEmptyListAtOnceForAnEmptyInput(Backend backend) throws Exception {
    try (Pool pool = pool(backend, 2)) {
      AsyncResult<List<Integer>> result = pool.mapAsync(x -> x, List.<Integer>of());
      assertThat(result.ready()).isTrue();
      assertThat(result.get()).isEmpty();
      assertThat(pool.map(x -> x, List.of())).isEmpty();
      assertThat(pool.starmap((Integer a, Integer b) -> a + b, List.<Args2<Integer, Integer>>of())).isEmpty();
    }
  }

  @ParameterizedTest
  @EachBackend
  void shouldRunTheResultCallbackOnceForAnEmptyInputBeforeMapAsyncReturns(Backend backend)
      throws Exception {
    // "exactly one callback for each async call", an empty one too (Python's map_async never
    // calls it then); no worker is involved, so it runs on the calling thread, at once
    List<String> calls = new CopyOnWriteArrayList<>();
    String caller = Thread.currentThread().getName();
    try (Pool pool = pool(backend, 2)) {
      AsyncResult<List<Integer>> result = pool.mapAsync(x -> x, List.<Integer>of(), Callbacks.of(
          list -> calls.add("result " + list + " on " + Thread.currentThread().getName()),
          error -> calls.add("error " + error)));
      assertThat(calls).containsExactly("result [] on " + caller);
      assertThat(result.ready()).isTrue();
      assertThat(result.successful()).isTrue();
      assertThat(result.get(0, TimeUnit.SECONDS)).isEmpty();
      assertThat(result.progress().done()).isZero();
      assertThat(result.progress().totalKnown()).isTrue();
    }
    assertThat(calls).hasSize(1);
  }

  @ParameterizedTest
  @EachBackend
  void shouldRunThousandsOfVirtualWorkersAtOnce(Backend backend) throws Exception {
    assumeOnlyOn(Backend.VIRTUAL, backend, "only VIRTUAL promises workers in the thousands: a "
        + "platform thread per worker, or a chunk in flight per worker on a cluster, is not that");
    // 2,000 items, chunksize 1, 2,000 workers: all 2,000 tasks must be waiting at the latch at
    // once to pass it, which a smaller concurrency limit cannot do
    int workers = 2_000;
    LoopbackLatch allWaiting = new LoopbackLatch(workers);
    try (Pool pool = builder(backend).workers(workers).create()) {
      List<Boolean> passed = pool.map(x -> {
        allWaiting.countDown();
        return allWaiting.await(10, TimeUnit.SECONDS);
      }, range(workers), 1);
      assertThat(passed).hasSize(workers).containsOnly(true);
    }
  }

  @ParameterizedTest
  @EachBackend
  void shouldReRaiseATaskExceptionAndKeepWorking(Backend backend) throws Exception {
    try (Pool pool = pool(backend, 2)) {
      assertThatThrownBy(() -> pool.map(x -> 10 / x, List.of(1, 2, 0, 4), 1))
          .isInstanceOf(TaskFailedException.class)
          .hasMessageContaining("map task at index 2 failed")
          .hasCauseInstanceOf(ArithmeticException.class);
      assertThat(pool.map(x -> 10 / x, List.of(1, 2, 5))).containsExactly(10, 5, 2);
    }
  }

  @ParameterizedTest
  @EachBackend
  void shouldCallMapAsyncCallbackOnceWithTheWholeList(Backend backend) throws Exception {
    List<List<Integer>> calls = new CopyOnWriteArrayList<>();
    AtomicInteger errors = new AtomicInteger();
    try (Pool pool = pool(backend, 3)) {
      AsyncResult<List<Integer>> result = pool.mapAsync(x -> x + 1, range(500), 7,
          Callbacks.of(calls::add, e -> errors.incrementAndGet()));
      List<Integer> list = result.get(5, TimeUnit.SECONDS);
      // the callback has finished before get() returns
      assertThat(calls).hasSize(1);
      assertThat(calls.get(0)).isSameAs(list).hasSize(500);
      assertThat(errors).hasValue(0);
      assertThat(result.successful()).isTrue();
    }
  }

  @ParameterizedTest
  @EachBackend
  void shouldCallMapAsyncErrorCallbackOnceWithTheTasksOwnException(Backend backend) throws Exception {
    List<Throwable> errors = new CopyOnWriteArrayList<>();
    AtomicInteger results = new AtomicInteger();
    try (Pool pool = pool(backend, 3)) {
      AsyncResult<List<Integer>> result = pool.mapAsync(x -> {
        if (x % 100 == 99) {
          throw new IllegalStateException("bad " + x);
        }
        return x;
      }, range(1000), 10, Callbacks.of(list -> results.incrementAndGet(), errors::add));
      assertThatThrownBy(result::get).isInstanceOf(TaskFailedException.class)
          .hasRootCauseInstanceOf(IllegalStateException.class);
      assertThat(errors).hasSize(1);
      assertThat(errors.get(0)).isInstanceOf(IllegalStateException.class).hasMessageStartingWith("bad ");
      assertThat(results).hasValue(0);
      assertThat(result.successful()).isFalse();
    }
  }

  @ParameterizedTest
  @EachBackend
  void shouldStarmapTwoAndThreeArguments(Backend backend) throws Exception {
    try (Pool pool = pool(backend, 2)) {
      List<Args2<Integer, Integer>> pairs = new ArrayList<>();
      List<Args3<String, Integer, Integer>> triples = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        pairs.add(Args2.of(i, i * 10));
        triples.add(Args3.of("abcdefgh", i % 4, i % 4 + 2));
      }
      List<Integer> sums = pool.starmap((Integer a, Integer b) -> a + b, pairs);
      assertThat(sums).hasSize(200).startsWith(0, 11, 22);
      assertThat(pool.starmap((Integer a, Integer b) -> a * b, pairs, 3)).element(3).isEqualTo(90);
      List<String> cuts = pool.starmap3((String s, Integer from, Integer to) -> s.substring(from, to), triples);
      assertThat(cuts).startsWith("ab", "bc", "cd", "de", "ab");
      assertThat(pool.starmap3((String s, Integer from, Integer to) -> s.charAt(from), triples, 50)).element(1).isEqualTo('b');
      List<List<Integer>> seen = new CopyOnWriteArrayList<>();
      AsyncResult<List<Integer>> async = pool.starmapAsync((Integer a, Integer b) -> b - a, pairs, 5,
          Callbacks.onResult(seen::add));
      assertThat(async.get()).element(2).isEqualTo(18);
      assertThat(seen).hasSize(1);
      assertThat(pool.starmap3Async((String s, Integer a, Integer b) -> a + b, triples).get()).element(1).isEqualTo(4);
    }
  }

  @ParameterizedTest
  @EachBackend
  void shouldStarmapAsyncWithCallbacksAloneOrAChunksizeAlone(Backend backend) throws Exception {
    // Python's starmap_async(func, iterable, callback=...) and starmap_async(func, iterable, chunksize)
    try (Pool pool = pool(backend, 2)) {
      List<Args2<Integer, Integer>> pairs = new ArrayList<>();
      List<Args3<Integer, Integer, Integer>> triples = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        pairs.add(Args2.of(i, 3));
        triples.add(Args3.of(i, 2, 1));
      }
      List<List<Integer>> seen = new CopyOnWriteArrayList<>();
      AsyncResult<List<Integer>> products = pool.starmapAsync((Integer a, Integer b) -> a * b, pairs,
          Callbacks.onResult(seen::add));
      assertThat(products.get()).hasSize(50).startsWith(0, 3, 6).endsWith(147);
      assertThat(seen).containsExactly(products.get());
      List<Throwable> failures = new CopyOnWriteArrayList<>();
      AsyncResult<List<Integer>> failing = pool.starmap3Async(
          (Integer a, Integer b, Integer c) -> a / (a - 7 * c), triples, Callbacks.onError(failures::add));
      assertThatThrownBy(failing::get).isInstanceOf(TaskFailedException.class)
          .hasRootCauseInstanceOf(ArithmeticException.class);
      assertThat(failures).hasSize(1);
      assertThat(pool.starmapAsync((Integer a, Integer b) -> a - b, pairs, 7).get()).element(10).isEqualTo(7);
      assertThat(pool.starmap3Async((Integer a, Integer b, Integer c) -> a + b + c, triples, 7).get())
          .element(4).isEqualTo(7);
      assertThatThrownBy(() -> pool.starmapAsync((Integer a, Integer b) -> a, pairs, 0))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("chunksize");
    }
  }

  @ParameterizedTest
  @EachBackend
  void shouldRunMapOnEveryWorkerAtOnce(Backend backend) throws Exception {
    // 4 items, chunksize 1, 4 workers: all four tasks must be running together to pass the latch
    LoopbackLatch allRunning = new LoopbackLatch(4);
    try (Pool pool = pool(backend, 4)) {
      List<Boolean> passed = pool.map(x -> {
        allRunning.countDown();
        return allRunning.await(5, TimeUnit.SECONDS);
      }, range(4), 1);
      assertThat(passed).containsOnly(true);
    }
  }

  @ParameterizedTest
  @EachBackend
  void shouldAllowNullResults(Backend backend) throws Exception {
    try (Pool pool = pool(backend, 2)) {
      assertThat(pool.map(x -> x % 2 == 0 ? null : x, range(6))).containsExactly(null, 1, null, 3, null, 5);
      assertThat(pool.imap(x -> (Integer) null, range(3)).stream().toList()).containsExactly(null, null, null);
    }
  }
}
