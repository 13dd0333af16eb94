package io.poollab.regress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Known values: U by hand (count of pairs), p-values from the normal approximation with tie and
 * continuity correction as printed by SciPy 1.17 {@code mannwhitneyu(a, b, alternative=
 * "two-sided", method="asymptotic", use_continuity=True)}.
 */
class MannWhitneyTest {

  @Test
  void shouldGiveZeroUWhenEveryValueOfASitsBelowB() {
    MannWhitney.Result r = MannWhitney.test(new double[] {1, 2, 3}, new double[] {4, 5, 6});
    assertThat(r.u()).isEqualTo(0.0);
    assertThat(r.pValue()).isCloseTo(0.08085559837005224, within(1e-6));
  }

  @Test
  void shouldMatchTextbookExampleWithoutTies() {
    // a classic small example: U_a = 17 of 20 pairs, U_b = 3
    double[] a = {19, 22, 16, 29, 24};
    double[] b = {20, 11, 17, 12};
    MannWhitney.Result r = MannWhitney.test(a, b);
    assertThat(r.u()).isEqualTo(17.0);
    assertThat(r.pValue()).isCloseTo(0.11134688653314041, within(1e-6));
    // the test is symmetric: swapping the samples gives U_b = n1*n2 - U_a and the same p
    MannWhitney.Result swapped = MannWhitney.test(b, a);
    assertThat(swapped.u()).isEqualTo(3.0);
    assertThat(swapped.pValue()).isCloseTo(r.pValue(), within(1e-12));
  }

  @Test
  void shouldCorrectTheVarianceForTies() {
    double[] a = {1, 2, 2, 3, 3, 3, 4};
    double[] b = {3, 4, 4, 5, 5, 6};
    MannWhitney.Result r = MannWhitney.test(a, b);
    assertThat(r.u()).isEqualTo(3.5);
    assertThat(r.pValue()).isCloseTo(0.012999854364387305, within(1e-6));
  }

  @Test
  void shouldMatchEightAgainstEight() {
    double[] a = {7, 14, 22, 36, 40, 48, 49, 52};
    double[] b = {3, 5, 6, 10, 17, 18, 20, 39};
    MannWhitney.Result r = MannWhitney.test(a, b);
    assertThat(r.u()).isEqualTo(53.0);
    assertThat(r.pValue()).isCloseTo(0.031324130877889995, within(1e-6));
  }

  @Test
  void shouldGivePOneWhenEverythingIsTied() {
    MannWhitney.Result r = MannWhitney.test(new double[] {2, 2, 2}, new double[] {2, 2});
    assertThat(r.u()).isEqualTo(3.0);
    assertThat(r.pValue()).isEqualTo(1.0);
  }

  @Test
  void shouldGivePOneForIdenticalSamples() {
    double[] a = {1.1, 1.3, 1.2, 1.4};
    assertThat(MannWhitney.test(a, a.clone()).pValue()).isCloseTo(1.0, within(1e-9));
  }

  @Test
  void shouldComputeErfcAccurately() {
    // erfc(1) = 0.157299207050285, erfc(0) = 1, erfc(-1) = 1.842700792949715
    assertThat(MannWhitney.erfc(0.0)).isCloseTo(1.0, within(1e-7));
    assertThat(MannWhitney.erfc(1.0)).isCloseTo(0.157299207050285, within(1e-7));
    assertThat(MannWhitney.erfc(-1.0)).isCloseTo(1.842700792949715, within(1e-7));
  }

  @Test
  void shouldRefuseEmptyOrNonFiniteSamples() {
    assertThatThrownBy(() -> MannWhitney.test(new double[0], new double[] {1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sample a");
    assertThatThrownBy(() -> MannWhitney.test(new double[] {1}, new double[] {Double.NaN}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sample b");
  }

  @Test
  void shouldGiveTheSmallestPValueOfCompleteSeparation() {
    double[] low = {1, 2, 3, 4, 5};
    double[] high = {6, 7, 8, 9, 10};
    assertThat(MannWhitney.smallestPValue(5, 5))
        .isCloseTo(MannWhitney.test(low, high).pValue(), within(1e-12))
        .isCloseTo(0.0122, within(1e-4));
    assertThat(MannWhitney.smallestPValue(10, 10)).isLessThan(0.05 / 60);
    assertThat(MannWhitney.smallestPValue(0, 5)).isEqualTo(1.0);
  }
}
