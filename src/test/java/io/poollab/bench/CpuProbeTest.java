package io.poollab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class CpuProbeTest {

  @Test
  void shouldRejectFewerThanOneThread() {
    assertThatThrownBy(() -> new CpuProbe(0, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("threads must be >= 1, was 0");
    assertThatThrownBy(() -> CpuProbe.calibrated(-1, Duration.ofMillis(5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("threads must be >= 1, was -1");
  }

  @Test
  void shouldRejectFewerThanOneIteration() {
    assertThatThrownBy(() -> new CpuProbe(1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("iterations must be >= 1, was 0");
  }

  @Test
  void shouldRejectACalibrationTargetOutsideOneMillisecondToOneSecond() {
    assertThatThrownBy(() -> CpuProbe.calibrated(1, Duration.ofNanos(999_999)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("target must be between 1 ms and 1000 ms, was PT0.000999999S");
    assertThatThrownBy(() -> CpuProbe.calibrated(1, Duration.ofMillis(1001)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("target must be between 1 ms and 1000 ms, was PT1.001S");
    assertThatThrownBy(() -> CpuProbe.calibrated(1, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("target must be between 1 ms and 1000 ms, was null");
  }

  @Test
  void shouldKeepItsSettings() {
    CpuProbe probe = new CpuProbe(3, 12_345);

    assertThat(probe.threads()).isEqualTo(3);
    assertThat(probe.iterations()).isEqualTo(12_345);
  }

  @Test
  void shouldRunTheLoopOnExactlyTheGivenThreads() {
    Map<String, Boolean> daemonByName = new ConcurrentHashMap<>();
    CpuProbe probe =
        new CpuProbe(3, 10_000, CpuProbe.TIMEOUT,
            () -> daemonByName.put(Thread.currentThread().getName(), Thread.currentThread().isDaemon()));

    Duration d = probe.measure();

    assertThat(daemonByName)
        .containsOnly(
            Map.entry("cpu-probe-0", true), Map.entry("cpu-probe-1", true),
            Map.entry("cpu-probe-2", true));
    assertThat(d).isPositive().isLessThan(Duration.ofSeconds(30));
  }

  @Test
  void shouldRunAllThreadsAtOnce() {
    // each thread waits at the barrier until all are there: run one after another, they would
    // break it
    CyclicBarrier together = new CyclicBarrier(4);
    CpuProbe probe =
        new CpuProbe(4, 1_000, CpuProbe.TIMEOUT, () -> {
          try {
            together.await(20, TimeUnit.SECONDS);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });

    assertThat(probe.measure()).isPositive();
    assertThat(together.isBroken()).isFalse();
  }

  @Test
  void shouldSayWhenTheProbeDoesNotFinish() {
    CountDownLatch release = new CountDownLatch(1);
    CpuProbe probe =
        new CpuProbe(2, 1, Duration.ofMillis(200), () -> {
          try {
            release.await(20, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });

    try {
      assertThatThrownBy(probe::measure)
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("the cpu probe did not finish within 200 ms (0 of 2 threads, 1 iterations each)");
    } finally {
      release.countDown();
    }
  }

  @Test
  void shouldReportAFailingThread() {
    CpuProbe probe =
        new CpuProbe(2, 1, CpuProbe.TIMEOUT, () -> {
          throw new ArithmeticException("boom");
        });

    assertThatThrownBy(probe::measure)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("the cpu probe failed")
        .hasRootCauseInstanceOf(ArithmeticException.class);
  }

  @Test
  void shouldCalibrateToAtLeastOneIteration() {
    CpuProbe probe = CpuProbe.calibrated(1, Duration.ofMillis(1));

    assertThat(probe.threads()).isEqualTo(1);
    assertThat(probe.iterations()).isGreaterThanOrEqualTo(1);
    assertThat(probe.measure()).isPositive().isLessThan(Duration.ofSeconds(30));
  }

  @Test
  void shouldCalibrateForEveryCoreByDefault() {
    CpuProbe probe = CpuProbe.calibrated(Duration.ofMillis(1));

    assertThat(probe.threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(probe.iterations()).isGreaterThanOrEqualTo(1);
  }
}
