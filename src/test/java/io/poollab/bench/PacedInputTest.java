package io.poollab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The paced input, on a fake clock: each item at its deadline, absolute deadlines, no drift. */
@Timeout(10)
class PacedInputTest {

  private static final long START = 1_000_000L;

  /** A clock that parking moves forward, by what was asked plus a fixed lateness. */
  private static final class FakeClock {
    long now = START;
    final long lateness;
    final List<Long> parks = new ArrayList<>();

    FakeClock(long lateness) {
      this.lateness = lateness;
    }

    void park(long nanos) {
      parks.add(nanos);
      now += nanos + lateness;
    }
  }

  private static PacedInput input(FakeClock clock, List<String> words, StreamPace pace) {
    return new PacedInput(words, pace, START, () -> clock.now, clock::park);
  }

  @Test
  void shouldHandOverItemIAtStartPlusIIntervalsAndTheFirstAtOnce() {
    FakeClock clock = new FakeClock(0);
    List<Long> handedOver = new ArrayList<>();
    List<String> items = new ArrayList<>();
    for (String w : input(clock, List.of("a", "b", "c", "d", "e"), new StreamPace(100, 5))) {
      handedOver.add(clock.now - START);
      items.add(w);
    }

    assertThat(items).containsExactly("a", "b", "c", "d", "e");
    assertThat(handedOver).containsExactly(0L, 100_000L, 200_000L, 300_000L, 400_000L);
    assertThat(clock.parks).containsExactly(100_000L, 100_000L, 100_000L, 100_000L);
  }

  @Test
  void shouldNotLetALateWakeUpDelayTheItemsAfterIt() {
    // every park returns 30 us late: item i still comes at i intervals plus one lateness, not i latenesses
    FakeClock clock = new FakeClock(30_000);
    Iterator<String> it = input(clock, List.of("w"), new StreamPace(100, 4)).iterator();
    List<Long> handedOver = new ArrayList<>();
    while (it.hasNext()) {
      it.next();
      handedOver.add(clock.now - START);
    }

    assertThat(handedOver).containsExactly(0L, 130_000L, 230_000L, 330_000L);
    assertThat(clock.parks).containsExactly(100_000L, 70_000L, 70_000L);
  }

  @Test
  void shouldHandWaitingItemsAtOnceToAConsumerThatFellBehind() {
    FakeClock clock = new FakeClock(0);
    Iterator<String> it = input(clock, List.of("w"), new StreamPace(100, 5)).iterator();
    it.next();
    clock.now = START + 350_000; // the consumer was busy for 3.5 intervals
    it.next();
    it.next();
    it.next();

    assertThat(clock.parks).isEmpty();
    it.next();
    assertThat(clock.parks).containsExactly(50_000L);
    assertThat(clock.now - START).isEqualTo(400_000L);
  }

  @Test
  void shouldWrapAroundTheWordsAndEndAfterItsItems() {
    FakeClock clock = new FakeClock(0);
    PacedInput input = input(clock, List.of("x", "y"), new StreamPace(1, 5));
    List<String> items = new ArrayList<>();
    Iterator<String> it = input.iterator();
    it.forEachRemaining(items::add);

    assertThat(items).containsExactly("x", "y", "x", "y", "x");
    assertThat(it.hasNext()).isFalse();
    assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class).hasMessageContaining("5 items");
    assertThat(input.dueNanos(3)).isEqualTo(START + 3_000);
  }

  @Test
  void shouldStopWaitingWhenTheReaderIsInterrupted() {
    // on the real clock, item 1 is due in an hour: an interrupted reader gets it at once
    PacedInput input = new PacedInput(List.of("a", "b"), new StreamPace(3_600_000_000L, 2), System.nanoTime());
    Iterator<String> it = input.iterator();
    assertThat(it.next()).isEqualTo("a");
    Thread.currentThread().interrupt();
    try {
      assertThat(it.next()).isEqualTo("b");
      assertThat(Thread.currentThread().isInterrupted()).as("interrupt status kept").isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void shouldRefuseBadArguments() {
    assertThatThrownBy(() -> new StreamPace(0, 10))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("intervalMicros must be >= 1, was 0");
    assertThatThrownBy(() -> new StreamPace(100, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("items must be >= 2, was 1");
    assertThatThrownBy(() -> new PacedInput(List.of(), new StreamPace(100, 2), 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("words must not be empty");
  }

  @Test
  void shouldDescribeItsPace() {
    StreamPace pace = new StreamPace(100, 1000);
    assertThat(pace.inputTime()).isEqualTo(Duration.ofNanos(99_900_000));
    assertThat(pace.itemsPerSecond()).isEqualTo(10_000.0);
    assertThat(pace.spec()).isEqualTo("100:1000");
    assertThat(pace.describe()).isEqualTo("1000 items every 100 us");
  }
}
