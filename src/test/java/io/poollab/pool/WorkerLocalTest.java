package io.poollab.pool;

import static io.poollab.pool.TestPools.callable;
import static io.poollab.pool.TestPools.range;
import static io.poollab.pool.TestPools.runnable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * {@link WorkerLocal}: one value per worker, made by the initializer or on first use, and a
 * factory's failure. The thread backends only: the cluster's own tests check that copies of a
 * worker-local resolve to one instance on a member.
 */
@Timeout(20)
public class WorkerLocalTest extends PoolBehaviourTest {

  @Test
  void shouldMakeTheValueOnFirstUseOncePerThread() throws Exception {
    AtomicInteger made = new AtomicInteger();
    WorkerLocal<int[]> local = WorkerLocal.of(() -> new int[] {made.incrementAndGet()});
    int[] mine = local.get();
    assertThat(local.get()).isSameAs(mine);
    int[] theirs = CompletableFuture.supplyAsync(local::get, Thread.ofPlatform()::start)
        .get(5, TimeUnit.SECONDS);
    assertThat(theirs).isNotSameAs(mine);
    assertThat(made).hasValue(2);
  }

  @Test
  void shouldMakeANullValueOnceToo() {
    AtomicInteger made = new AtomicInteger();
    WorkerLocal<String> local = WorkerLocal.of(() -> {
      made.incrementAndGet();
      return null;
    });
    assertThat(local.get()).isNull();
    assertThat(local.get()).isNull();
    local.initialize(); // makes it again, as its Javadoc says: "makes this worker's value now"
    assertThat(local.get()).isNull();
    assertThat(made).hasValue(2);
  }

  @Test
  void shouldWrapTheFactorysFailureInAnIllegalStateException() {
    WorkerLocal<String> local = WorkerLocal.of(() -> {
      throw new IOException("no disk");
    });
    assertThatThrownBy(local::initialize).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("WorkerLocal factory failed").hasCauseInstanceOf(IOException.class)
        .hasRootCauseMessage("no disk");
    assertThatThrownBy(local::get).isInstanceOf(IllegalStateException.class)
        .hasCauseInstanceOf(IOException.class);
  }

  @ParameterizedTest
  @EachBackend
  void shouldMakeEachWorkersValueOnFirstUseWithoutAnInitializer(Backend backend) throws Exception {
    LoopbackList made = new LoopbackList();
    WorkerLocal<int[]> counter = WorkerLocal.of(callable(() -> {
      made.add(Thread.currentThread().getName());
      return new int[1];
    }));
    try (Pool pool = pool(backend, 2)) {
      List<Integer> counts = pool.map(x -> ++counter.get()[0], range(200), 1);
      // each worker counted its own tasks from 1: the counts add up to the items, and each
      // worker that ran a task made its value once
      assertThat(counts).hasSize(200);
      assertThat(made.values()).doesNotHaveDuplicates().hasSizeBetween(1, 2);
      assertThat(counts.stream().filter(c -> c == 1).count()).isEqualTo(made.values().size());
    }
  }

  @ParameterizedTest
  @EachBackend
  void shouldBreakThePoolWhenTheFactoryFailsInTheInitializer(Backend backend) throws Exception {
    WorkerLocal<String> local = WorkerLocal.of(callable(() -> {
      throw new IOException("no disk");
    }));
    Pool pool = builder(backend).workers(2).initializer(runnable(local::initialize)).create();
    try {
      // failing at once, when the worker starts: the pool is broken, with the factory's failure
      assertThatThrownBy(() -> pool.map(x -> local.get(), List.of(1, 2)))
          .isInstanceOf(PoolBrokenException.class)
          .cause().isInstanceOf(IllegalStateException.class).hasMessageContaining("WorkerLocal factory failed")
          .cause().isInstanceOf(IOException.class).hasMessage("no disk");
      assertThat(pool.join(5, TimeUnit.SECONDS)).isTrue();
    } finally {
      pool.terminate();
    }
  }
}
