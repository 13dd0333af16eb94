package io.poollab.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * How the listeners of one call are told, step by step: one update at a time, {@code done} never
 * decreasing, and the latest state told last, whichever thread updates and when.
 */
@Timeout(20)
class ProgressTrackerTest {
  private final List<Throwable> reported = new CopyOnWriteArrayList<>();
  private final ProgressTracker tracker = new ProgressTracker(reported::add);

  @Test
  void shouldTellALaterUpdateOnlyAfterAnEarlierOneHasBeenToldToEveryListener() throws Exception {
    tracker.known(4, true);
    CountDownLatch firstInListener = new CountDownLatch(1);
    CountDownLatch releaseFirst = new CountDownLatch(1);
    AtomicInteger telling = new AtomicInteger();
    AtomicInteger mostAtOnce = new AtomicInteger();
    List<Long> told = new CopyOnWriteArrayList<>();
    // the first listener opens a telling and holds the first one (done 2) there; the second
    // records what it is told and closes the telling
    tracker.addListener((done, known, total) -> {
      mostAtOnce.accumulateAndGet(telling.incrementAndGet(), Math::max);
      if (done == 2) {
        firstInListener.countDown();
        hold(releaseFirst);
      }
    });
    tracker.addListener((done, known, total) -> {
      told.add(done);
      telling.decrementAndGet();
    });

    Thread first = Thread.ofPlatform().start(() -> tracker.advance(2));
    assertThat(firstInListener.await(10, TimeUnit.SECONDS)).isTrue();
    Thread second = Thread.ofPlatform().start(() -> tracker.advance(2));
    // the second update has counted its items and either told them (concurrently with the first,
    // the old behaviour) or waits its turn; only then does the first telling go on
    await().atMost(10, TimeUnit.SECONDS).until(() -> tracker.done() == 4
        && (second.getState() == Thread.State.WAITING
            || second.getState() == Thread.State.TERMINATED));
    releaseFirst.countDown();
    first.join(10_000);
    second.join(10_000);

    assertThat(first.isAlive()).isFalse();
    assertThat(second.isAlive()).isFalse();
    assertThat(told).containsExactly(2L, 4L);
    assertThat(mostAtOnce).hasValue(1);
    assertThat(reported).isEmpty();
  }

  @Test
  void shouldTellAListenersOwnUpdateAfterTheRoundItInterrupts() {
    // a listener that closes its iterator changes what is known while it is being told
    tracker.known(10, true);
    AtomicBoolean closed = new AtomicBoolean();
    List<String> told = new CopyOnWriteArrayList<>();
    tracker.addListener((done, known, total) -> {
      if (closed.compareAndSet(false, true)) {
        tracker.known(3, false);
      }
    });
    tracker.addListener((done, known, total) -> told.add(done + "/" + known + (total ? "" : "+")));

    tracker.advance(2);

    // the round already started finishes with the state it read, then the new state is told
    assertThat(told).containsExactly("2/10", "2/3+");
    assertThat(reported).isEmpty();
  }

  @Test
  void shouldTellEveryUpdateOnItsOwnThreadBeforeItReturns() {
    AtomicReference<Thread> toldOn = new AtomicReference<>();
    List<Long> told = new CopyOnWriteArrayList<>();
    tracker.known(6, true);
    tracker.addListener((done, known, total) -> {
      toldOn.set(Thread.currentThread());
      told.add(done);
    });

    tracker.advance(6);

    assertThat(told).containsExactly(6L);
    assertThat(toldOn).hasValue(Thread.currentThread());
  }

  private static void hold(CountDownLatch latch) {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("not released within 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
