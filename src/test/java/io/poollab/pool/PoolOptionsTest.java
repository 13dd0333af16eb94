package io.poollab.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class PoolOptionsTest {

  @Test
  void shouldDefaultToOnePlatformWorkerPerProcessor() {
    PoolOptions options = PoolOptions.defaults();
    assertThat(options.workers()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(options.backend()).isEqualTo(Backend.PLATFORM);
    assertThat(options.maxTasksPerWorker()).isEqualTo(PoolOptions.UNLIMITED);
    assertThat(options.initializer()).isNull();
  }

  @Test
  void shouldRejectBadOptionsNamingTheArgumentAndValue() {
    assertThatThrownBy(() -> Pool.builder().workers(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("workers must be at least 1, got 0");
    assertThatThrownBy(() -> Pool.create(-3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("workers must be at least 1, got -3");
    assertThatThrownBy(() -> Pool.builder().maxTasksPerWorker(0))
        .hasMessage("maxTasksPerWorker must be at least 1, got 0");
    assertThatThrownBy(() -> Pool.builder().readAhead(0))
        .hasMessage("readAhead must be at least 1, got 0");
    assertThatThrownBy(() -> Pool.builder().backend(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("backend must not be null");
    assertThatThrownBy(() -> new PoolOptions(2, Backend.PLATFORM, null, 0, "w-", 1, e -> {}))
        .hasMessage("maxTasksPerWorker must be at least 1, got 0");
  }

  @Test
  void shouldRejectBadCallArgumentsNamingTheArgumentAndValue() throws Exception {
    try (Pool pool = Pool.create(1)) {
      assertThatThrownBy(() -> pool.map(x -> x, List.of(1), 0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("chunksize must be at least 1, got 0");
      assertThatThrownBy(() -> pool.imap(x -> x, List.of(1), -1))
          .hasMessage("chunksize must be at least 1, got -1");
      assertThatThrownBy(() -> pool.imapUnordered(null, List.of(1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("task must not be null");
      assertThatThrownBy(() -> pool.map(x -> x, null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("items must not be null");
      AsyncResult<Integer> result = pool.applyAsync(() -> 1);
      assertThatThrownBy(() -> result.get(-1, TimeUnit.SECONDS))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("timeout must be at least 0, got -1");
      assertThatThrownBy(() -> result.await(-5, TimeUnit.MILLISECONDS))
          .hasMessage("timeout must be at least 0, got -5");
      try (ResultIterator<Integer> it = pool.imap(x -> x, List.of(1))) {
        assertThatThrownBy(() -> it.next(-2, TimeUnit.SECONDS))
            .hasMessage("timeout must be at least 0, got -2");
      }
    }
  }

  @Test
  void shouldRejectANullOptionWithTheSameExceptionWhicheverWayTheOptionsAreMade() {
    // the builder's setters and the record's constructor agree: IllegalArgumentException, never
    // a NullPointerException from one way in and an IllegalArgumentException from the other
    assertThatThrownBy(() -> new PoolOptions(2, null, null, 1, "w-", 1, e -> {}))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("backend must not be null");
    assertThatThrownBy(() -> new PoolOptions(2, Backend.PLATFORM, null, 1, null, 1, e -> {}))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("threadNamePrefix must not be null");
    assertThatThrownBy(() -> new PoolOptions(2, Backend.PLATFORM, null, 1, "w-", 1, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("callbackErrorHandler must not be null");
    assertThatThrownBy(() -> new PoolOptions(0, Backend.PLATFORM, null, 1, "w-", 1, e -> {}))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("workers must be at least 1, got 0");
    assertThatThrownBy(() -> new PoolOptions(1, Backend.PLATFORM, null, 1, "w-", -4, e -> {}))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("readAhead must be at least 1, got -4");
    assertThatThrownBy(() -> Pool.builder().threadNamePrefix(null))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("threadNamePrefix must not be null");
    assertThatThrownBy(() -> Pool.builder().callbackErrorHandler(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("callbackErrorHandler must not be null");
    assertThatThrownBy(() -> Pool.builder().cluster(null))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("cluster must not be null");
    assertThatThrownBy(() -> Pool.builder().maxTasksPerWorker(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxTasksPerWorker must be at least 1, got -1");
    assertThatThrownBy(() -> Pool.builder().readAhead(-1))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("readAhead must be at least 1, got -1");
    assertThatThrownBy(() -> Pool.create((PoolOptions) null))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("options must not be null");
    assertThatThrownBy(() -> WorkerLocal.of(null))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("factory must not be null");
    // a cluster goes with backend CLUSTER, and only with it: refused when built, before connecting
    RemoteBackend neverOpened = options -> {
      throw new AssertionError("a refused option connects nowhere");
    };
    assertThatThrownBy(() -> Pool.builder().backend(Backend.CLUSTER).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("backend CLUSTER needs a cluster");
    assertThatThrownBy(() -> Pool.builder().cluster(neverOpened).create())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cluster is only for backend CLUSTER, got backend PLATFORM");
    // an initializer is optional: null means none
    assertThat(Pool.builder().initializer(null).build().initializer()).isNull();
  }

  @Test
  void shouldRejectNullAndOutOfRangeCallArgumentsBeforeRunningAnything() throws Exception {
    java.util.concurrent.atomic.AtomicInteger ran = new java.util.concurrent.atomic.AtomicInteger();
    Task<Integer, Integer> counting = x -> ran.incrementAndGet();
    try (Pool pool = Pool.create(1)) {
      assertThatThrownBy(() -> pool.applyAsync((java.util.concurrent.Callable<Integer>) null))
          .isInstanceOf(IllegalArgumentException.class).hasMessage("task must not be null");
      assertThatThrownBy(() -> pool.apply((Task<Integer, Integer>) null, 1))
          .isInstanceOf(IllegalArgumentException.class).hasMessage("task must not be null");
      assertThatThrownBy(() -> pool.applyAsync(counting, 1, null))
          .isInstanceOf(IllegalArgumentException.class).hasMessage("callbacks must not be null");
      assertThatThrownBy(() -> pool.mapAsync(counting, List.of(1), null))
          .isInstanceOf(IllegalArgumentException.class).hasMessage("callbacks must not be null");
      assertThatThrownBy(() -> pool.mapAsync(counting, List.of(1), 0, Callbacks.none()))
          .isInstanceOf(IllegalArgumentException.class).hasMessage("chunksize must be at least 1, got 0");
      assertThatThrownBy(() -> pool.starmap((Task2<Integer, Integer, Integer>) null, List.of()))
          .isInstanceOf(IllegalArgumentException.class).hasMessage("task must not be null");
      assertThatThrownBy(() -> pool.starmap((Integer a, Integer b) -> a + b, null))
          .isInstanceOf(IllegalArgumentException.class).hasMessage("items must not be null");
      assertThatThrownBy(() -> pool.starmap((Integer a, Integer b) -> a + b,
          List.of(Args2.of(1, 2)), 0))
          .isInstanceOf(IllegalArgumentException.class).hasMessage("chunksize must be at least 1, got 0");
      assertThatThrownBy(() -> pool.starmap3((Integer a, Integer b, Integer c) -> a + b + c,
          List.of(Args3.of(1, 2, 3)), -1))
          .isInstanceOf(IllegalArgumentException.class).hasMessage("chunksize must be at least 1, got -1");
      assertThatThrownBy(() -> pool.imap(counting, null))
          .isInstanceOf(IllegalArgumentException.class).hasMessage("items must not be null");
      assertThatThrownBy(() -> pool.imapUnordered(counting, List.of(1), 0))
          .isInstanceOf(IllegalArgumentException.class).hasMessage("chunksize must be at least 1, got 0");
      AsyncResult<Integer> result = pool.applyAsync(counting, 1);
      assertThatThrownBy(() -> result.get(1, null))
          .isInstanceOf(IllegalArgumentException.class).hasMessage("unit must not be null");
      assertThatThrownBy(() -> result.await(1, null))
          .isInstanceOf(IllegalArgumentException.class).hasMessage("unit must not be null");
      assertThatThrownBy(() -> result.progress().addListener(null))
          .isInstanceOf(IllegalArgumentException.class).hasMessage("listener must not be null");
      assertThat(result.get(5, TimeUnit.SECONDS)).isEqualTo(1);
      try (ResultIterator<Integer> it = pool.imap(x -> x, List.of(1))) {
        assertThatThrownBy(() -> it.next(1, null))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("unit must not be null");
      }
      // the argument is checked before the pool's state: a running pool's join says what is wrong
      assertThatThrownBy(() -> pool.join(-1, TimeUnit.SECONDS))
          .isInstanceOf(IllegalArgumentException.class).hasMessage("timeout must be at least 0, got -1");
      assertThatThrownBy(() -> pool.join(1, null))
          .isInstanceOf(IllegalArgumentException.class).hasMessage("unit must not be null");
    }
    assertThat(ran).as("only the one valid applyAsync ran a task").hasValue(1);
  }

  @Test
  void shouldNameWorkerThreadsWithThePrefix() throws Exception {
    try (Pool pool = Pool.builder().workers(2).threadNamePrefix("hasher-").create()) {
      String name = pool.apply(() -> Thread.currentThread().getName());
      assertThat(name).matches("hasher-\\d+");
    }
  }

  @Test
  void shouldBuildFromExistingOptions() {
    PoolOptions options = Pool.builder().workers(3).backend(Backend.VIRTUAL).build();
    PoolOptions copy = options.toBuilder().readAhead(7).build();
    assertThat(copy.workers()).isEqualTo(3);
    assertThat(copy.backend()).isEqualTo(Backend.VIRTUAL);
    assertThat(copy.readAhead()).isEqualTo(7);
  }
}
