package io.poollab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.IterationType;

class SerialPartnerTest {

  private static int[] pairedWarmups(int warmups, boolean everyWarmup) {
    return IntStream.rangeClosed(1, warmups)
        .filter(w -> SerialPartner.pairs(IterationType.WARMUP, w, warmups, everyWarmup))
        .toArray();
  }

  @Test
  void shouldPairOnlyTheLastWarmupsOfAClusterFork() {
    assertThat(pairedWarmups(22, false)).containsExactly(21, 22);
    assertThat(pairedWarmups(1, false)).as("fewer warm-ups than it pairs").containsExactly(1);
    assertThat(SerialPartner.pairs(IterationType.MEASUREMENT, 0, 22, false)).isTrue();
  }

  @Test
  void shouldPairEveryIterationOfOtherForks() {
    assertThat(pairedWarmups(5, true)).containsExactly(1, 2, 3, 4, 5);
    assertThat(SerialPartner.pairs(IterationType.MEASUREMENT, 5, 5, true)).isTrue();
  }

  @Test
  void shouldCostAClusterForkWithTheSerialRunsItPairs() {
    BenchPlan standard = PlanBuilder.build(new PlanRequest(Profile.STANDARD, 2, null, null, null));
    PlanEntry cluster = standard.entries().stream()
        .filter(e -> "CLUSTER".equals(e.params().get("backend")) && e.benchmark().equals(PlanBuilder.WORD_JOB))
        .findFirst().orElseThrow();
    PlanEntry threads = standard.entries().stream()
        .filter(e -> e.benchmark().equals(PlanBuilder.WORD_JOB) && e.params().get("backend") == null)
        .filter(e -> "POOL_MAP".equals(e.params().get("impl")) && "2".equals(e.params().get("workers")))
        .filter(e -> "default".equals(e.params().get("chunksize")))
        .filter(e -> "NEW_DIGEST".equals(e.params().get("hashing")))
        .findFirst().orElseThrow();
    PlanEntry serial = standard.entries().stream()
        .filter(e -> e.benchmark().equals(PlanBuilder.WORD_JOB) && "SERIAL".equals(e.params().get("impl")))
        .findFirst().orElseThrow();
    // the threads' operation carries its partner; the cluster's carries none, its set-up the five
    assertThat(threads.expectedOperation()).isGreaterThan(serial.expectedOperation());
    assertThat(cluster.settings().warmupIterations()).isEqualTo(PlanBuilder.CLUSTER_WORD_WARMUPS);
    assertThat(cluster.expectedSetup())
        .isGreaterThan(serial.expectedOperation().multipliedBy(SerialPartner.CLUSTER_PAIRED_WARMUPS + 3));
  }
}
