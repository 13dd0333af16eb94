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
