package io.poollab.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class SleepTaskTest {

  @Test
  @Timeout(10)
  void shouldWaitAtLeastItsDelayAndReturnTheItem() throws InterruptedException {
    SleepTask task = new SleepTask(20);
    long start = System.nanoTime();
    assertThat(task.run("item")).isEqualTo("item");
    assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(20));
  }

  @Test
  @Timeout(10)
  void shouldStopWhenInterrupted() {
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> new SleepTask(60_000).run(1))
          .isInstanceOf(InterruptedException.class);
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void shouldRefuseANegativeDelay() {
    assertThatThrownBy(() -> new SleepTask(-5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("millis must be >= 0, was -5");
  }
}
