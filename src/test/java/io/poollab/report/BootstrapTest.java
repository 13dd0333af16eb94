package io.poollab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.poollab.report.Bootstrap.Estimate;
import io.poollab.report.Bootstrap.Point;
import io.poollab.report.Bootstrap.Ratio;
import io.poollab.report.Bootstrap.Round;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BootstrapTest {

  @Test
  void shouldGiveAZeroWidthIntervalWhenEveryIterationIsTheSame() {
    List<Ratio> rounds = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      rounds.add(new Ratio(new double[] {2, 2, 2}, new double[] {1, 1, 1}));
    }
    Estimate e = Bootstrap.medianOverRounds(rounds, 7L);
    assertThat(e.value()).isEqualTo(2.0);
    assertThat(e.low()).isEqualTo(2.0);
    assertThat(e.high()).isEqualTo(2.0);
    assertThat(e.level()).isEqualTo(Bootstrap.DEFAULT_LEVEL);
    assertThat(e.replicates()).hasSize(Bootstrap.DEFAULT_REPLICATES).containsOnly(2.0);
    assertThat(e.perRound()).containsExactly(2.0, 2.0, 2.0, 2.0, 2.0);
  }

  @Test
  void shouldTakeTheMedianOfThePerRoundRatiosSoOneDisturbedRoundCannotMoveIt() {
    List<Ratio> rounds =
        List.of(constantRatio(1.8), constantRatio(2.0), constantRatio(5.0));
    Estimate e = Bootstrap.medianOverRounds(rounds, 1L);
    assertThat(e.value()).isEqualTo(2.0);
    assertThat(e.perRound()).containsExactly(1.8, 2.0, 5.0);
    assertThat(e.rounds()).isEqualTo(3);
    assertThat(e.low()).isGreaterThanOrEqualTo(1.8);
    assertThat(e.high()).isLessThanOrEqualTo(5.0);
  }

  @Test
  void shouldDivideTheMedianOfTheNumeratorByTheMedianOfTheDenominator() {
    Ratio r = new Ratio(new double[] {20.1, 20.3, 19.9}, new double[] {5.2, 5.1, 5.3, 5.0});
    assertThat(r.value()).isCloseTo(20.1 / 5.15, within(1e-12));
    // each resampled median is one of the values (odd n) or a mean of two of them (even n)
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < 100; i++) {
      assertThat(r.resample(random)).isBetween(19.9 / 5.3, 20.3 / 5.0);
    }
    assertThat(new Point(1.25).resample(random)).isEqualTo(1.25);
  }

  @Test
  void shouldGiveBitIdenticalEstimatesForTheSameSeedAndOthersForAnother() {
    List<Ratio> rounds = noisyRounds(new Random(11), 9, 5);
    Estimate a = Bootstrap.medianOverRounds(rounds, 500, 0.9, 42L);
    Estimate b = Bootstrap.medianOverRounds(rounds, 500, 0.9, 42L);
    Estimate c = Bootstrap.medianOverRounds(rounds, 500, 0.9, 43L);
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a.value()).isEqualTo(c.value());
    assertThat(Arrays.equals(a.replicates(), c.replicates())).isFalse();
  }

  @Test
  void shouldCoverTheTrueRatioOfASyntheticRunWithANarrowInterval() {
    // 9 rounds, serial ~ N(100, 2) and parallel ~ N(50, 1), 5 iterations each: the true ratio is 2
    List<Ratio> rounds = noisyRounds(new Random(2013), 9, 5);
    Estimate e = Bootstrap.medianOverRounds(rounds, Bootstrap.seedOf("speedup:synthetic"));
    assertThat(e.contains(2.0)).isTrue();
    assertThat(e.relativeHalfWidth()).isGreaterThan(0.0).isLessThan(0.05);
    assertThat(e.low()).isLessThanOrEqualTo(e.value());
    assertThat(e.high()).isGreaterThanOrEqualTo(e.value());
  }

  @Test
  void shouldCoverTheTrueRatioInMostOfManySyntheticRuns() {
    Random data = new Random(1);
    int covered = 0;
    int runs = 40;
    for (int run = 0; run < runs; run++) {
      Estimate e = Bootstrap.medianOverRounds(noisyRounds(data, 9, 5), 1000, 0.95, run);
      if (e.contains(2.0)) {
        covered++;
      }
    }
    // a nominal 95% interval; the two-level resampling errs wide, so few misses are expected
    assertThat(covered).isGreaterThanOrEqualTo(36);
  }

  @Test
  void shouldWidenTheIntervalWhenTheRoundsDisagreeMore() {
    List<Ratio> tight =
        List.of(constantRatio(1.9), constantRatio(1.95), constantRatio(2.0), constantRatio(2.05),
            constantRatio(2.1));
    List<Ratio> loose =
        List.of(constantRatio(1.6), constantRatio(1.8), constantRatio(2.0), constantRatio(2.2),
            constantRatio(2.4));
    Estimate narrow = Bootstrap.medianOverRounds(tight, 5L);
    Estimate wide = Bootstrap.medianOverRounds(loose, 5L);
    assertThat(narrow.value()).isEqualTo(2.0);
    assertThat(wide.value()).isEqualTo(2.0);
    assertThat(narrow.halfWidth()).isGreaterThan(0.0);
    assertThat(wide.halfWidth()).isGreaterThan(narrow.halfWidth());
  }

  @Test
  void shouldKeepPointRoundsWithinTheirRange() {
    List<Point> points = new ArrayList<>();
    for (double v : new double[] {3, 1, 4, 1, 5, 9, 2, 6}) {
      points.add(new Point(v));
    }
    Estimate e = Bootstrap.medianOverRounds(points, 99L);
    assertThat(e.value()).isEqualTo(3.5);
    assertThat(e.low()).isGreaterThanOrEqualTo(1.0).isLessThan(e.high());
    assertThat(e.high()).isLessThanOrEqualTo(9.0);
    assertThat(e.contains(3.5)).isTrue();
  }

  @Test
  void shouldResampleTheIterationsOfASingleRatioRoundButNotASinglePoint() {
    Ratio only = new Ratio(new double[] {10, 11, 12, 13, 14}, new double[] {5, 5, 5, 5, 5});
    Estimate ratio = Bootstrap.medianOverRounds(List.of(only), 8L);
    assertThat(ratio.value()).isCloseTo(2.4, within(1e-12));
    assertThat(ratio.low()).isGreaterThanOrEqualTo(2.0).isLessThan(2.4);
    assertThat(ratio.high()).isGreaterThan(2.4).isLessThanOrEqualTo(2.8);

    Estimate point = Bootstrap.medianOverRounds(List.of(new Point(0.75)), 8L);
    assertThat(point.value()).isEqualTo(0.75);
    assertThat(point.low()).isEqualTo(0.75);
    assertThat(point.high()).isEqualTo(0.75);
  }

  @Test
  void shouldDrawTheSameRoundsForTheSameSeedWhateverTheIterations() {
    // the round draws have their own stream: ratio rounds of 10x the points, with iterations to
    // resample in between, still give exactly 10x the point replicates, replicate by replicate
    List<Round> points = new ArrayList<>();
    List<Round> ratios = new ArrayList<>();
    for (int k = 1; k <= 5; k++) {
      points.add(new Point(k));
      ratios.add(new Ratio(new double[] {10 * k, 10 * k, 10 * k}, new double[] {1, 1, 1}));
    }
    double[] a = Bootstrap.medianOverRounds(points, 300, 0.95, 21L).replicates();
    double[] b = Bootstrap.medianOverRounds(ratios, 300, 0.95, 21L).replicates();
    for (int i = 0; i < a.length; i++) {
      assertThat(b[i]).isEqualTo(10 * a[i]);
    }
  }

  @Test
  void shouldKeepTheReplicatesInDrawOrder() {
    // more replicates extend the same sequence of draws; sorting them for the interval would not
    List<Ratio> rounds = noisyRounds(new Random(5), 7, 6);
    double[] first = Bootstrap.medianOverRounds(rounds, 100, 0.95, 17L).replicates();
    double[] more = Bootstrap.medianOverRounds(rounds, 400, 0.95, 17L).replicates();
    assertThat(Arrays.copyOf(more, 100)).containsExactly(first);
  }

  @Test
  void shouldDeriveTheEstimatesFiguresFromItsFields() {
    Estimate e = new Estimate(2.0, 1.9, 2.3, 0.95, new double[] {2, 1.9, 2.1}, new double[] {2});
    assertThat(e.rounds()).isEqualTo(3);
    assertThat(e.halfWidth()).isCloseTo(0.2, within(1e-12));
    assertThat(e.relativeHalfWidth()).isCloseTo(0.1, within(1e-12));
    assertThat(e.contains(1.9)).isTrue();
    assertThat(e.contains(2.3)).isTrue();
    assertThat(e.contains(2.31)).isFalse();
    assertThat(new Estimate(0.0, -1, 1, 0.95, new double[1], new double[1]).relativeHalfWidth())
        .isNaN();
    assertThat(e.toString()).contains("perRound=[2.0, 1.9, 2.1]").contains("replicates=1 values");
  }

  @Test
  void shouldCopyArraysInAndOut() {
    double[] serial = {2, 2, 2};
    Ratio r = new Ratio(serial, new double[] {1, 1});
    serial[0] = 100;
    r.numerator()[1] = 100;
    assertThat(r.numerator()).containsExactly(2, 2, 2);
    assertThat(r).isEqualTo(new Ratio(new double[] {2, 2, 2}, new double[] {1, 1}));
    assertThat(r.toString()).isEqualTo("Ratio[numerator=[2.0, 2.0, 2.0], denominator=[1.0, 1.0]]");

    double[] perRound = {2, 3};
    Estimate e = new Estimate(2.5, 2, 3, 0.95, perRound, new double[] {2.5});
    perRound[0] = 100;
    e.replicates()[0] = 100;
    assertThat(e.perRound()).containsExactly(2, 3);
    assertThat(e.replicates()).containsExactly(2.5);
  }

  @Test
  void shouldRejectIterationsThatAreNotFiniteAndPositiveNamingThem() {
    assertThatThrownBy(() -> new Ratio(new double[] {1, 0}, new double[] {1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("numerator[1] must be finite and > 0, got 0.0");
    assertThatThrownBy(() -> new Ratio(new double[] {1}, new double[] {-2}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("denominator[0] must be finite and > 0, got -2.0");
    assertThatThrownBy(() -> new Ratio(new double[] {Double.NaN}, new double[] {1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("numerator[0] must be finite and > 0, got NaN");
    assertThatThrownBy(() -> new Ratio(new double[] {1}, new double[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("denominator must not be empty");
    assertThatThrownBy(() -> new Point(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("value must be finite, got NaN");
  }

  @Test
  void shouldRejectNoRoundsTooFewReplicatesAndALevelOutsideZeroToOne() {
    List<Point> one = List.of(new Point(1));
    assertThatThrownBy(() -> Bootstrap.medianOverRounds(List.of(), 1L))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rounds must not be empty");
    assertThatThrownBy(() -> Bootstrap.medianOverRounds(one, 99, 0.95, 1L))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("replicates must be >= 100, got 99");
    assertThatThrownBy(() -> Bootstrap.medianOverRounds(one, 1000, 1.5, 1L))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("level must be in (0, 1), got 1.5");
    assertThatThrownBy(() -> Bootstrap.medianOverRounds(one, 1000, 0.0, 1L))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("level must be in (0, 1), got 0.0");
  }

  @Test
  void shouldDeriveAStableSeedFromAKey() {
    // FNV-1a 64 test vectors
    assertThat(Bootstrap.seedOf("")).isEqualTo(0xcbf29ce484222325L);
    assertThat(Bootstrap.seedOf("a")).isEqualTo(0xaf63dc4c8601ec8cL);
    assertThat(Bootstrap.seedOf("foobar")).isEqualTo(0x85944171f73967e8L);
    assertThat(Bootstrap.seedOf("speedup:x")).isEqualTo(Bootstrap.seedOf("speedup:x"));
    assertThat(Bootstrap.seedOf("speedup:x")).isNotEqualTo(Bootstrap.seedOf("speedup:y"));
  }

  @Test
  void shouldTakeAPairedRoundsValueAsTheMedianOfItsPerIterationRatios() {
    Bootstrap.Paired p = new Bootstrap.Paired(new double[] {40, 60, 42, 80}, new double[] {20, 31, 21, 10});
    // ratios 2.0, 1.935..., 2.0, 8.0: the median of the pairs, not a ratio of medians (51 / 20.5)
    assertThat(p.value()).isEqualTo(2.0);
    assertThatThrownBy(() -> new Bootstrap.Paired(new double[] {1, 2}, new double[] {1}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("as many");
    assertThatThrownBy(() -> new Bootstrap.Paired(new double[] {1, -2}, new double[] {1, 1}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("numerator[1]");
  }

  @Test
  void shouldCancelTheMachinesDriftWhenEachSerialTimeIsPairedWithItsParallelOne() {
    // the machine slows down and speeds up by 1.8x while the job's true speed-up stays 2.0:
    // resampling pairs keeps each moment's two times together, resampling each side alone does not
    double[] drift = {1.0, 1.8, 1.1, 1.7, 1.0, 1.8, 1.2, 1.6};
    double[] serial = new double[drift.length];
    double[] parallel = new double[drift.length];
    for (int i = 0; i < drift.length; i++) {
      serial[i] = 40 * drift[i];
      parallel[i] = 20 * drift[i] * (i % 2 == 0 ? 1.01 : 0.99);
    }
    List<Round> paired = new ArrayList<>();
    List<Round> unpaired = new ArrayList<>();
    for (int r = 0; r < 5; r++) {
      paired.add(new Bootstrap.Paired(serial, parallel));
      unpaired.add(new Ratio(serial, parallel));
    }
    Estimate withPairs = Bootstrap.medianOverRounds(paired, 3L);
    Estimate withoutPairs = Bootstrap.medianOverRounds(unpaired, 3L);
    assertThat(withPairs.value()).isCloseTo(2.0, within(0.03));
    assertThat(withPairs.relativeHalfWidth()).isLessThan(0.02);
    assertThat(withoutPairs.relativeHalfWidth()).isGreaterThan(0.10);
    // the same seed gives the same interval
    assertThat(Bootstrap.medianOverRounds(paired, 3L)).isEqualTo(withPairs);
  }

  private static Ratio constantRatio(double ratio) {
    return new Ratio(new double[] {ratio, ratio, ratio}, new double[] {1, 1, 1});
  }

  /** Rounds of serial ~ N(100, 2) over parallel ~ N(50, 1): a true speed-up of 2. */
  private static List<Ratio> noisyRounds(Random random, int rounds, int iterations) {
    List<Ratio> out = new ArrayList<>();
    for (int r = 0; r < rounds; r++) {
      double[] serial = new double[iterations];
      double[] parallel = new double[iterations];
      for (int i = 0; i < iterations; i++) {
        serial[i] = 100 + 2 * random.nextGaussian();
        parallel[i] = 50 + random.nextGaussian();
      }
      out.add(new Ratio(serial, parallel));
    }
    return out;
  }
}
