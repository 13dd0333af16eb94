package io.poollab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.poollab.pool.Backend;
import io.poollab.workload.WordHasher;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every implementation under test computes the same results as the plain loop. */
@Timeout(60)
class ImplementationsTest {

  private static final List<String> WORDS =
      IntStream.range(0, 1_003).mapToObj(i -> "word" + i + (i % 7 == 0 ? "é" : "")).toList();
  private static final List<String> EXPECTED = WORDS.stream().map(WordHasher::sha512Hex).toList();

  @ParameterizedTest
  @EnumSource(WordJobImpl.class)
  void shouldHashEveryWordLikeTheSerialLoop(WordJobImpl impl) throws Exception {
    for (Hashing hashing : Hashing.values()) {
      try (BatchJob<String, String> job = impl.create(new WordJobConfig(3, 0, hashing))) {
        List<String> out = job.run(WORDS);
        List<String> again = job.run(WORDS);

        if (impl == WordJobImpl.POOL_IMAP_UNORDERED) {
          assertThat(out).as(impl + " " + hashing).containsExactlyInAnyOrderElementsOf(EXPECTED);
        } else {
          assertThat(out).as(impl + " " + hashing).isEqualTo(EXPECTED);
        }
        assertThat(again).hasSameSizeAs(EXPECTED);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = WordJobImpl.class,
      names = {"POOL_MAP", "POOL_IMAP", "POOL_MAP_ASYNC", "POOL_APPLY_ASYNC", "EXECUTOR_INVOKE_ALL"})
  void shouldKeepOrderAtAnExplicitChunksize(WordJobImpl impl) throws Exception {
    try (BatchJob<String, String> job = impl.create(new WordJobConfig(2, 10, Hashing.NEW_DIGEST))) {
      assertThat(job.run(WORDS)).isEqualTo(EXPECTED);
    }
  }

  @Test
  void shouldRefuseAChunksizeWherePeersSplitTheWorkThemselves() {
    assertThatThrownBy(() -> WordJobImpl.FORKJOIN_STREAM.create(new WordJobConfig(2, 10, Hashing.NEW_DIGEST)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("FORKJOIN_STREAM")
        .hasMessageContaining("'default'");
  }

  @ParameterizedTest
  @EnumSource(CpuIoImpl.class)
  void shouldRunCpuAndIoTasksLikeTheSerialLoop(CpuIoImpl impl) throws Exception {
    for (TaskKind kind : TaskKind.values()) {
      long cost = kind == TaskKind.CPU ? 5 : 1000;
      List<Long> items = LongStream.range(0, kind == TaskKind.CPU ? 200 : 20).boxed().toList();
      try (TaskKind.Workload w = kind.open(cost)) {
        List<Long> expected = Jobs.serial(w.task()).run(items);
        for (Backend backend : List.of(Backend.PLATFORM, Backend.VIRTUAL)) {
          try (BatchJob<Long, Long> job = impl.create(4, 0, backend, 0, w.task())) {
            assertThat(job.run(items)).as(impl + " " + kind + " " + backend).isEqualTo(expected);
          }
        }
      }
    }
  }

  @Test
  @Timeout(120)
  void shouldHashOnMemberProcessesLikeTheSerialLoop() throws Exception {
    // the per-worker digest: a serializable initializer and WorkerLocal factory travel to the member
    WordJobConfig config = new WordJobConfig(2, 100, Hashing.WORKER_DIGEST, Backend.CLUSTER, 1);
    try (BatchJob<String, String> job = WordJobImpl.POOL_MAP.create(config)) {
      assertThat(job.run(WORDS)).isEqualTo(EXPECTED);
      assertThat(job.run(WORDS)).isEqualTo(EXPECTED);
    }
  }

  @Test
  @Timeout(120)
  void shouldRunCpuTasksAndSleepsOnMemberProcessesLikeTheSerialLoop() throws Exception {
    for (TaskKind kind : List.of(TaskKind.CPU, TaskKind.SLEEP)) {
      long cost = kind == TaskKind.CPU ? 5 : 1000;
      List<Long> items = LongStream.range(0, kind == TaskKind.CPU ? 200 : 20).boxed().toList();
      try (TaskKind.Workload w = kind.open(cost);
          BatchJob<Long, Long> job = CpuIoImpl.POOL_MAP.create(4, 0, Backend.CLUSTER, 1, w.task())) {
        assertThat(job.run(items)).as(kind.name()).isEqualTo(Jobs.serial(w.task()).run(items));
      }
    }
  }

  @Test
  void shouldRefuseMemberProcessesWhereTheyWouldNotBeUsed() {
    // a peer on CLUSTER would measure this JVM's threads under the processes' label
    assertThatThrownBy(() -> WordJobImpl.FORKJOIN_STREAM.create(
        new WordJobConfig(2, 0, Hashing.NEW_DIGEST, Backend.CLUSTER, 0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("FORKJOIN_STREAM").hasMessageContaining("backend must be PLATFORM");
    assertThatThrownBy(() -> CpuIoImpl.EXECUTOR_INVOKE_ALL.create(2, 0, Backend.CLUSTER, 0, x -> x))
        .hasMessageContaining("EXECUTOR_INVOKE_ALL").hasMessageContaining("was CLUSTER");
    // member processes are the CLUSTER backend's; threads take none
    assertThatThrownBy(() -> new WordJobConfig(2, 0, Hashing.NEW_DIGEST, Backend.PLATFORM, 2))
        .hasMessageContaining("members").hasMessageContaining("PLATFORM").hasMessageContaining("2");
    assertThatThrownBy(() -> new WordJobConfig(2, 0, Hashing.NEW_DIGEST, Backend.CLUSTER, -1))
        .hasMessageContaining("members must be >= 0");
    // 0 members: one per worker, as Python's Pool(n) has n processes
    assertThat(PoolSetup.members(Backend.CLUSTER, 3, 0)).isEqualTo(3);
    assertThat(PoolSetup.members(Backend.CLUSTER, 100, 2)).isEqualTo(2);
    assertThat(PoolSetup.members(Backend.VIRTUAL, 100, 0)).isZero();
  }

  @Test
  void shouldSizeJobsSoSerialStaysShort() {
    assertThat(TaskKind.CPU.items(100)).isEqualTo(2_000);
    assertThat(TaskKind.CPU.items(10)).isEqualTo(20_000);
    assertThat(TaskKind.SLEEP.items(5000)).isEqualTo(100);
    assertThatThrownBy(() -> TaskKind.SLEEP.open(1500))
        .hasMessageContaining("costMicros")
        .hasMessageContaining("1500");
  }

  @Test
  void shouldSplitIntoChunks() {
    assertThat(Jobs.chunks(List.of(1, 2, 3, 4, 5), 2)).containsExactly(List.of(1, 2), List.of(3, 4), List.of(5));
    assertThat(Chunksize.pythonDefault(1_049_938, 4)).isEqualTo(65_622);
    assertThat(Chunksize.parse("default")).isZero();
    assertThatThrownBy(() -> Chunksize.parse("0")).hasMessageContaining("'0'");
  }
}
