package io.poollab.pool;

import static io.poollab.pool.TestPools.range;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The progress view of a call: counted as chunks complete, to the total; listeners that throw. */
@Timeout(20)
public class ProgressTest extends PoolBehaviourTest {

  @Test
  void shouldCountMapProgressToTheTotal() throws Exception {
    List<long[]> seen = new CopyOnWriteArrayList<>();
    LoopbackLatch listening = new LoopbackLatch(1);
    try (Pool pool = pool(2)) {
      AsyncResult<List<Integer>> result = pool.mapAsync(x -> {
        listening.await(5, TimeUnit.SECONDS);
        return x;
      }, range(1000), 100);
      result.progress().addListener((done, known, total) -> seen.add(new long[] {done, known}));
      listening.countDown();
      result.get();
      assertThat(result.progress().done()).isEqualTo(1000);
      assertThat(result.progress().known()).isEqualTo(1000);
      assertThat(result.progress().totalKnown()).isTrue();
    }
    assertThat(seen).isNotEmpty().allSatisfy(p -> assertThat(p[0]).isBetween(100L, 1000L));
  }

  @Test
  void shouldFollowImapUnorderedAsItAdvances() throws Exception {
    LoopbackLatch release = new LoopbackLatch(1);
    try (Pool pool = pool(2);
        ResultIterator<Integer> it = pool.imapUnordered(x -> {
          if (x >= 10) {
            release.await(5, TimeUnit.SECONDS);
          }
          return x;
        }, range(20))) {
      for (int i = 0; i < 10; i++) {
        it.next(5, TimeUnit.SECONDS);
      }
      assertThat(it.progress().done()).isBetween(10L, 20L);
      assertThat(it.progress().known()).isLessThanOrEqualTo(20);
      release.countDown();
      it.forEachRemaining(x -> {});
      assertThat(it.progress().done()).isEqualTo(20);
      assertThat(it.progress().known()).isEqualTo(20);
      assertThat(it.progress().totalKnown()).isTrue();
    }
  }

  @Test
  void shouldReportAThrowingProgressListenerAndGoOn() throws Exception {
    List<Throwable> reported = new CopyOnWriteArrayList<>();
    LoopbackLatch listening = new LoopbackLatch(1);
    try (Pool pool = builder(backend()).workers(2).callbackErrorHandler(reported::add).create()) {
      AsyncResult<List<Integer>> result = pool.mapAsync(x -> {
        listening.await(5, TimeUnit.SECONDS);
        return x;
      }, range(10), 5);
      result.progress().addListener((d, k, t) -> {
        throw new IllegalStateException("listener bug");
      });
      listening.countDown();
      assertThat(result.get()).hasSize(10);
    }
    assertThat(reported).hasSize(2).allSatisfy(e -> assertThat(e).hasMessage("listener bug"));
  }
}
