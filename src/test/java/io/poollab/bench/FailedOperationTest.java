package io.poollab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.poollab.pool.Backend;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A failed operation stops what the trial started, JMH's skipped tear-down notwithstanding. */
class FailedOperationTest {

  @Test
  void shouldCloseWhatTheTrialStartedAndKeepTheFailure() {
    AtomicInteger closed = new AtomicInteger();
    IllegalStateException failure = new IllegalStateException("task failed");

    FailedOperation.close(closed::incrementAndGet, failure);
    FailedOperation.close(null, failure);

    assertThat(closed).hasValue(1);
    assertThat(failure.getSuppressed()).isEmpty();
  }

  @Test
  void shouldKeepWhatClosingThrewAsSuppressed() {
    IllegalStateException failure = new IllegalStateException("task failed");

    FailedOperation.close(() -> {
      throw new java.io.IOException("close failed");
    }, failure);

    assertThat(failure.getSuppressed()).singleElement()
        .satisfies(e -> assertThat(e).hasMessage("close failed"));
  }

  @Test
  @Timeout(120)
  void shouldStopTheMemberProcessesWhenAnOperationFails() throws Exception {
    CpuIoBenchmark b = new CpuIoBenchmark();
    b.impl = CpuIoImpl.POOL_MAP;
    b.workers = 1;
    b.chunksize = "default";
    // a loopback task holds this JVM's connections: it cannot travel to a member, so the operation fails
    b.task = TaskKind.LOOPBACK;
    b.costMicros = 1000;
    b.backend = Backend.CLUSTER;
    b.members = 1;
    List<ProcessHandle> before = ProcessHandle.current().children().toList();
    b.setup();
    // the set-up's new child processes: the member JVM
    List<ProcessHandle> members = ProcessHandle.current().children().filter(p -> !before.contains(p)).toList();
    assertThat(members).hasSize(1);

    assertThatThrownBy(b::runAll).hasMessageContaining("LoopbackTask");

    for (ProcessHandle member : members) {
      assertThat(member.onExit()).succeedsWithin(Duration.ofSeconds(30));
    }
    b.tearDown(); // what JMH would not call: harmless once the operation closed the job
  }
}
