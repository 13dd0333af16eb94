package io.poollab.pool;

import static io.poollab.pool.TestPools.range;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * The progress view of a call: counted as chunks complete, to the total; listeners told one at a
 * time with a done that never decreases; listeners that throw.
 */
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

  @ParameterizedTest
  @EachBackend
  void shouldTellEveryKindOfCallsListenersOneAtATimeADoneThatNeverDecreases(Backend backend)
      throws Exception {
    // chunks of 2 on 2 workers: updates race, as in the audit's probe (4/20 told after 6/20)
    try (Pool pool = pool(backend, 2)) {
      LoopbackLatch mapping = new LoopbackLatch(1);
      AsyncResult<List<Integer>> mapped = pool.mapAsync(x -> {
        mapping.await(5, TimeUnit.SECONDS);
        return x;
      }, range(40), 2);
      Recorder map = new Recorder();
      mapped.progress().addListener(map);
      mapping.countDown();
      assertThat(mapped.get()).hasSize(40);
      map.assertToldInOrderTo(40);

      LoopbackLatch starmapping = new LoopbackLatch(1);
      List<Args2<Integer, Integer>> pairs = range(40).stream().map(x -> Args2.of(x, x)).toList();
      AsyncResult<List<Integer>> starmapped = pool.starmapAsync((Integer a, Integer b) -> {
        starmapping.await(5, TimeUnit.SECONDS);
        return a + b;
      }, pairs, 2);
      Recorder starmap = new Recorder();
      starmapped.progress().addListener(starmap);
      starmapping.countDown();
      assertThat(starmapped.get()).hasSize(40);
      starmap.assertToldInOrderTo(40);

      for (boolean ordered : new boolean[] {true, false}) {
        LoopbackLatch reading = new LoopbackLatch(1);
        Task<Integer, Integer> held = x -> {
          reading.await(5, TimeUnit.SECONDS);
          return x;
        };
        Recorder lazy = new Recorder();
        try (ResultIterator<Integer> it =
            ordered ? pool.imap(held, range(40), 2) : pool.imapUnordered(held, range(40), 2)) {
          it.progress().addListener(lazy);
          reading.countDown();
          List<Integer> results = it.stream().toList();
          assertThat(results).hasSize(40);
        }
        // every update is told before its chunks are handed over, so all are told by now
        lazy.assertToldInOrderTo(40);
      }
    }
  }

  /** Records what a listener is told, and how many tellings ran at once at most. */
  private static final class Recorder implements ProgressListener {
    private final List<long[]> told = new CopyOnWriteArrayList<>();
    private final AtomicInteger telling = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();

    @Override
    public void onProgress(long done, long known, boolean totalKnown) {
      mostAtOnce.accumulateAndGet(telling.incrementAndGet(), Math::max);
      told.add(new long[] {done, known, totalKnown ? 1 : 0});
      telling.decrementAndGet();
    }

    void assertToldInOrderTo(long total) {
      assertThat(told).isNotEmpty();
      List<Long> dones = told.stream().map(t -> t[0]).toList();
      assertThat(dones).as("done as told, in order").isSorted();
      assertThat(told.getLast()).as("the last telling: done, known, total known")
          .containsExactly(total, total, 1);
      assertThat(mostAtOnce).as("tellings at once").hasValue(1);
    }
  }
}
