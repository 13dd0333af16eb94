package io.poollab.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class CpuTaskTest {

  @Test
  void shouldBeAPureFunctionOfTheInput() {
    CpuTask task = new CpuTask(1000);
    assertThat(task.run(7)).isEqualTo(new CpuTask(1000).run(7));
    assertThat(task.run(7)).isNotEqualTo(task.run(8));
    assertThat(task.run(7)).isNotEqualTo(new CpuTask(1001).run(7));
  }

  @Test
  void shouldDoEveryIteration() {
    // one round by hand: the loop result depends on each round
    long x = (5L * 0x9E3779B97F4A7C15L) | 1L;
    x ^= x << 13;
    x ^= x >>> 7;
    x ^= x << 17;
    assertThat(new CpuTask(1).run(5)).isEqualTo(x);
    assertThat(new CpuTask(0).run(5)).isEqualTo((5L * 0x9E3779B97F4A7C15L) | 1L);
  }

  @Test
  void shouldNeverCollapseToZero() {
    CpuTask task = new CpuTask(100);
    for (long input = -1000; input <= 1000; input++) {
      assertThat(task.run(input)).isNotZero();
    }
  }

  @Test
  @Timeout(30)
  void shouldCalibrateToTheAskedCostPerItem() {
    CpuTask task = CpuTask.calibrate(50_000);
    assertThat(task.nanosPerIteration()).isPositive();
    assertThat(task.iterations()).isPositive();
    // iterations are rounded to whole rounds: the estimate is within one round of the target
    assertThat(task.nanosPerItem()).isCloseTo(50_000, within(task.nanosPerIteration()));
  }

  @Test
  void shouldReportAnUnmeasuredCostAsNaN() {
    assertThat(new CpuTask(10).nanosPerItem()).isNaN();
  }

  @Test
  void shouldRefuseBadArguments() {
    assertThatThrownBy(() -> new CpuTask(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("iterations must be >= 0, was -1");
    assertThatThrownBy(() -> new CpuTask(1, 0.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nanosPerIteration must be > 0");
    assertThatThrownBy(() -> CpuTask.calibrate(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("targetNanos must be >= 1, was 0");
  }
}
