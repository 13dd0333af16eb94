package io.poollab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.poollab.bench.DisturbanceLimits;
import io.poollab.bench.ForkRecord;
import io.poollab.bench.ForkResult;
import io.poollab.bench.GroupRecord;
import io.poollab.bench.IterationSettings;
import io.poollab.bench.PlanBuilder;
import io.poollab.bench.PlanEntry;
import io.poollab.bench.RoundLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the round runner writes ({@link RoundLog}) is what the report reads ({@link RunReader}). */
class RoundsFileTest {

  @TempDir Path dir;

  private static final IterationSettings S = new IterationSettings(3, Duration.ofMillis(100), 4, Duration.ofMillis(100));

  private static ForkRecord fork(int id, int round, int group, int attempt, String impl, int workers, double ms) {
    PlanEntry e = new PlanEntry(PlanBuilder.WORD_JOB,
        Map.of("impl", impl, "workers", Integer.toString(workers), "chunksize", "default", "hashing", "NEW_DIGEST"), S);
    ForkResult r = new ForkResult("avgt", "ms/op", List.of(ms, ms, ms, ms),
        Map.of(ForkResult.GC_TIME, List.of(2.0, 0.0, 1.0, 1.0), ForkResult.ALLOC_PER_OP, List.of(3e7, 3e7, 3e7, 3e7)),
        ForkResult.Jvm.UNKNOWN);
    return new ForkRecord(id, "run", round, group, attempt, e, List.of(), Instant.parse("2026-01-01T00:00:00Z"),
        2.5, r, null, 0.01, 0.0, true);
  }

  @Test
  void shouldReadBackEveryForkWithItsPlaceAndTheCanarysVerdict() throws Exception {
    RoundLog log = new RoundLog(dir, "run");
    log.add(fork(1, 1, 1, 1, "POOL_MAP", 2, 25));
    log.add(fork(2, 1, 1, 1, "SERIAL", 1, 50));
    log.add(new GroupRecord("run", 1, 1, 1, "run:WordJobBenchmark.hashAll hashing=NEW_DIGEST", List.of(1, 2),
        25, 40, 0.01, 0, 1.5, 0.0, true, "the CPU probe took 60% longer than usual", true));
    log.add(fork(3, 1, 1, 2, "POOL_MAP", 2, 26));
    log.add(fork(4, 1, 1, 2, "SERIAL", 1, 52));
    log.add(new GroupRecord("run", 1, 1, 2, "run:WordJobBenchmark.hashAll hashing=NEW_DIGEST", List.of(3, 4),
        25, 25, 0.0, 0, 1.5, 0.0, false, "", true));
    log.keep(1, 1, 1, false);
    log.write(new RoundLog.Protocol(42L, 1, "test", 2, 1000, 25.0, DisturbanceLimits.DEFAULTS));
    Files.writeString(dir.resolve("metadata.json"), "{\"cores\": 2}");

    RunResults run = RunReader.read(dir);
    Rounds r = run.rounds();
    assertThat(r.recorded()).isTrue();
    assertThat(r.seed()).isEqualTo(42L);
    assertThat(r.planned()).isEqualTo(1);
    assertThat(r.probeReferenceMillis()).isEqualTo(25.0);
    assertThat(r.disturbedGroups()).isEqualTo(1);
    assertThat(r.rerunGroups()).isEqualTo(1);
    assertThat(r.stillDisturbed()).isZero();
    assertThat(r.forks()).hasSize(4);
    ForkData first = r.forks().get(0);
    assertThat(first.kept()).isFalse();
    assertThat(first.disturbance()).contains("probe took 60% longer");
    assertThat(first.iterations()).containsExactly(25, 25, 25, 25);
    assertThat(first.gcMillis()).containsExactly(2.0, 0.0, 1.0, 1.0);
    assertThat(first.allocBytesPerOp()).isEqualTo(3e7);
    assertThat(first.measurementMillis()).isEqualTo(100.0);
    assertThat(first.foreignCores()).isEqualTo(0.01);
    // jmh.json holds the kept forks only, and pairs read round by round from rounds.json
    assertThat(run.results()).hasSize(2).allSatisfy(res -> assertThat(res.forkSizes()).containsExactly(4));
    SpeedUp s = run.speedUps().get(0);
    assertThat(s.value()).isCloseTo(2.0, within(1e-12));
    assertThat(s.quality().rounds()).isEqualTo(1);
    ForkStats stats = ForkStats.of(r.keptForks(run.results().get(0).configKey()));
    // 4 ms of GC over 4 iterations of 100 ms
    assertThat(stats.gcShare()).isCloseTo(0.01, within(1e-12));
    assertThat(stats.allocBytesPerOp()).isEqualTo(3e7);
  }
}
