package io.poollab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.poollab.regress.SyntheticRun;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The paired model's flags and advice, on synthetic runs with known answers. */
class SpeedUpsTest {

  @TempDir Path dir;

  private static Map<String, String> params(String impl, int workers) {
    return Map.of("impl", impl, "workers", Integer.toString(workers), "chunksize", "default", "hashing", "NEW_DIGEST");
  }

  private SpeedUp map(SyntheticRun run) {
    RunResults r = RunReader.read(run.writeTo(dir.resolve("run-" + System.nanoTime())));
    return r.speedUps().stream().filter(s -> s.impl().equals("POOL_MAP")).findFirst().orElseThrow();
  }

  @Test
  void shouldTakeTheMedianOfTheRoundsSoOneBadRoundCannotMoveIt() {
    SpeedUp s = map(SyntheticRun.seeded(1)
        .raw(SyntheticRun.WORD_JOB, params("SERIAL", 1), new double[][] {{100}, {100}, {100}, {170}, {100}})
        .raw(SyntheticRun.WORD_JOB, params("POOL_MAP", 2), new double[][] {{52}, {51}, {53}, {52}, {52}}));
    assertThat(s.value()).isCloseTo(100.0 / 52, within(1e-12));
    assertThat(s.quality().rounds()).isEqualTo(5);
  }

  @Test
  void shouldFlagAnEfficiencyAboveOneBeyondItsIntervalAsSuspect() {
    SpeedUp s = map(SyntheticRun.seeded(2)
        .raw(SyntheticRun.WORD_JOB, params("SERIAL", 1), new double[][] {{100}, {101}, {99}})
        .raw(SyntheticRun.WORD_JOB, params("POOL_MAP", 2), new double[][] {{42}, {43}, {41}}));
    assertThat(s.value()).isGreaterThan(2.3);
    assertThat(s.quality().flags()).contains(QualityFlag.SUSPECT);
    assertThat(s.trustworthy()).isFalse();
  }

  @Test
  void shouldFlagAnIntervalWiderThanTenPercentAsNoisy() {
    SpeedUp s = map(SyntheticRun.seeded(3)
        .raw(SyntheticRun.WORD_JOB, params("SERIAL", 1), new double[][] {{100}, {100}, {100}, {100}})
        .raw(SyntheticRun.WORD_JOB, params("POOL_MAP", 2), new double[][] {{50}, {70}, {55}, {80}}));
    assertThat(s.quality().flags()).containsExactly(QualityFlag.NOISY);
    assertThat(s.estimate().relativeHalfWidth()).isGreaterThan(SpeedUps.NOISY_ABOVE);
  }

  @Test
  void shouldFlagForksWhoseFirstIterationIsSlowAsNotWarmedUp() {
    double[][] slowStart = {{60, 50, 50.5, 49.5, 50}, {61, 50.2, 49.8, 50, 50.1}, {59, 50, 50, 50.3, 49.7}};
    SpeedUp s = map(SyntheticRun.seeded(4)
        .raw(SyntheticRun.WORD_JOB, params("SERIAL", 1), new double[][] {{100, 100, 100, 100}, {100, 100, 100, 100},
            {100, 100, 100, 100}})
        .raw(SyntheticRun.WORD_JOB, params("POOL_MAP", 2), slowStart));
    assertThat(s.quality().flags()).containsExactly(QualityFlag.NOT_WARMED_UP);
    assertThat(s.quality().outliers()).isPositive();
  }

  @Test
  void shouldLeaveOutDisturbedRoundsWhileTwoCleanOnesRemainElseFlagThem() {
    SpeedUp left = map(SyntheticRun.seeded(5).disturbed(2)
        .raw(SyntheticRun.WORD_JOB, params("SERIAL", 1), new double[][] {{100}, {150}, {100}})
        .raw(SyntheticRun.WORD_JOB, params("POOL_MAP", 2), new double[][] {{52}, {52}, {52}}));
    assertThat(left.quality().leftOut()).isEqualTo(1);
    assertThat(left.quality().flagged()).isFalse();
    assertThat(left.value()).isCloseTo(100.0 / 52, within(1e-12));

    SpeedUp kept = map(SyntheticRun.seeded(6).disturbed(1).disturbed(2)
        .raw(SyntheticRun.WORD_JOB, params("SERIAL", 1), new double[][] {{100}, {101}, {100}})
        .raw(SyntheticRun.WORD_JOB, params("POOL_MAP", 2), new double[][] {{52}, {52}, {53}}));
    assertThat(kept.quality().leftOut()).isZero();
    assertThat(kept.quality().flags()).contains(QualityFlag.DISTURBED);
  }

  @Test
  void shouldRecommendStayingSerialWhenNothingBeatsTheLoopBeyondItsInterval() {
    RunResults run = RunReader.read(SyntheticRun.seeded(7)
        .raw(SyntheticRun.WORD_JOB, params("SERIAL", 1), new double[][] {{100}, {100}, {100}})
        .raw(SyntheticRun.WORD_JOB, params("POOL_MAP", 2), new double[][] {{101}, {99}, {102}})
        .writeTo(dir.resolve("slow")));
    assertThat(Recommendation.forRun(run)).singleElement().satisfies(r -> {
      assertThat(r.best()).isEmpty();
      assertThat(r.sentence("linux-x86_64-2c")).contains("stay serial");
    });
  }

  @Test
  void shouldTakeAPairedForksRoundFromItsOwnSerialTimesAndNotFromTheSerialFork() {
    // the SERIAL forks ran while a neighbour slowed the machine by 1.5x in rounds 1 and 3; the
    // paired forks timed the serial job beside each of their own iterations: 2.0x in every round
    double[][] pool = {{20, 30, 21}, {20.5, 20, 31}, {30, 20, 20}};
    double[][] partner = {{40, 60, 42}, {41, 40, 62}, {60, 40, 40}};
    SpeedUp s = map(SyntheticRun.seeded(7)
        .raw(SyntheticRun.WORD_JOB, params("SERIAL", 1), new double[][] {{60, 60, 60}, {40, 40, 40}, {60, 60, 60}})
        .paired(SyntheticRun.WORD_JOB, params("POOL_MAP", 2), pool, partner));
    assertThat(s.value()).isCloseTo(2.0, within(1e-9));
    assertThat(s.low()).isCloseTo(2.0, within(0.02));
    assertThat(s.high()).isCloseTo(2.0, within(0.02));
    assertThat(s.quality().flags()).doesNotContain(QualityFlag.NOISY);

    // the same forks without their partners are paired with the SERIAL forks: 3 of 3 rounds off
    SpeedUp unpaired = map(SyntheticRun.seeded(7)
        .raw(SyntheticRun.WORD_JOB, params("SERIAL", 1), new double[][] {{60, 60, 60}, {40, 40, 40}, {60, 60, 60}})
        .raw(SyntheticRun.WORD_JOB, params("POOL_MAP", 2), pool));
    assertThat(unpaired.value()).isNotCloseTo(2.0, within(0.2));
  }

  @Test
  void shouldJudgeAPairedFiguresWarmUpByTheSerialTimesItUsesAndNotByTheSerialFork() {
    double[][] slowStart = {{120, 100, 101, 99, 100}, {121, 100.4, 99.6, 100, 100.2}, {119, 100, 100, 100.6, 99.4}};
    double[][] steady = {{100, 100, 101, 99, 100}, {100, 100.4, 99.6, 100, 100.2}, {101, 100, 100, 100.6, 99.4}};
    double[][] pool = {{50, 50, 50.5, 49.5, 50}, {50, 50.2, 49.8, 50, 50.1}, {50, 50, 50, 50.3, 49.7}};
    // the SERIAL forks start slow, the serial times the figure uses do not: not flagged
    SpeedUp clean = map(SyntheticRun.seeded(8)
        .raw(SyntheticRun.WORD_JOB, params("SERIAL", 1), slowStart)
        .paired(SyntheticRun.WORD_JOB, params("POOL_MAP", 2), pool, steady));
    assertThat(clean.quality().flags()).doesNotContain(QualityFlag.NOT_WARMED_UP);
    assertThat(clean.value()).isCloseTo(2.0, within(0.02));
    // the serial partner starts slow: flagged, though the SERIAL forks are steady
    SpeedUp slow = map(SyntheticRun.seeded(9)
        .raw(SyntheticRun.WORD_JOB, params("SERIAL", 1), steady)
        .paired(SyntheticRun.WORD_JOB, params("POOL_MAP", 2), pool, slowStart));
    assertThat(slow.quality().flags()).contains(QualityFlag.NOT_WARMED_UP);
    // 5 parallel + 5 partner iterations in each of 3 rounds; the SERIAL forks are not counted
    assertThat(slow.quality().iterations()).isEqualTo(30);
  }

  @Test
  void shouldLeaveAPairedForksGarbageCollectionOutOfItsStatsSinceItAlsoCleanedUpAfterTheSerialJob() {
    ForkData plain = fork(new double[0]);
    ForkData paired = fork(new double[] {40, 40});
    assertThat(plain.paired()).isFalse();
    assertThat(paired.paired()).isTrue();
    assertThat(ForkStats.of(java.util.List.of(plain)).gcShare()).isCloseTo(0.1, within(1e-9));
    assertThat(ForkStats.of(java.util.List.of(plain)).allocBytesPerOp()).isEqualTo(1e6);
    assertThat(ForkStats.of(java.util.List.of(paired)).gcShare()).isNaN();
    assertThat(ForkStats.of(java.util.List.of(paired)).allocBytesPerOp()).isNaN();
    assertThat(ForkStats.of(java.util.List.of(plain, paired)).pairedForks()).isEqualTo(1);
    // a partner that missed an iteration does not pair the fork
    assertThat(fork(new double[] {40}).paired()).isFalse();
    assertThat(fork(new double[] {40, 0}).paired()).isFalse();
  }

  private static ForkData fork(double[] partner) {
    return new ForkData(1, 1, 1, 1, true, "", SyntheticRun.WORD_JOB, "avgt",
        new java.util.TreeMap<>(params("POOL_MAP", 2)), "ms/op", new double[] {20, 20},
        new double[] {20, 20}, partner, 1e6, 200, 0, "");
  }
}
