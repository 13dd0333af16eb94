package io.poollab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.poollab.report.RobustStats.Outliers;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RobustStatsTest {

  private static final double[] ONE_TO_TEN = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};

  @Test
  void shouldTakeTheMiddleValueOrTheMeanOfTheTwoMiddleOnes() {
    assertThat(RobustStats.median(new double[] {3, 1, 2})).isEqualTo(2.0);
    assertThat(RobustStats.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
    assertThat(RobustStats.median(new double[] {7})).isEqualTo(7.0);
    assertThat(RobustStats.median(new double[0])).isNaN();
  }

  @Test
  void shouldMatchRsTypeSevenQuantiles() {
    assertThat(RobustStats.quantile(ONE_TO_TEN, 0.25)).isCloseTo(3.25, within(1e-12));
    assertThat(RobustStats.quantile(ONE_TO_TEN, 0.75)).isCloseTo(7.75, within(1e-12));
    assertThat(RobustStats.quantile(ONE_TO_TEN, 0.1)).isCloseTo(1.9, within(1e-12));
    assertThat(RobustStats.quantile(ONE_TO_TEN, 0.0)).isEqualTo(1.0);
    assertThat(RobustStats.quantile(ONE_TO_TEN, 1.0)).isEqualTo(10.0);
    assertThat(RobustStats.quantile(new double[] {5, 1, 3}, 0.5)).isEqualTo(3.0);
    assertThat(RobustStats.quantile(new double[0], 0.5)).isNaN();
  }

  @Test
  void shouldTakeTheRawMedianAbsoluteDeviationIgnoringOneWildValue() {
    assertThat(RobustStats.mad(new double[] {1, 2, 3, 4, 100})).isEqualTo(1.0);
    // median 2.5, deviations {1.5, 0.5, 0.5, 1.5}
    assertThat(RobustStats.mad(new double[] {1, 2, 3, 4})).isEqualTo(1.0);
    assertThat(RobustStats.mad(new double[] {5, 5, 5})).isEqualTo(0.0);
    assertThat(RobustStats.mad(new double[0])).isNaN();
  }

  @Test
  void shouldNeverModifyTheInput() {
    double[] xs = {9.8, 30, 10.1, 9.9, 10.2, 10, 10.3, 10};
    double[] before = xs.clone();
    RobustStats.median(xs);
    RobustStats.quantile(xs, 0.3);
    RobustStats.mad(xs);
    RobustStats.outliers(xs);
    RobustStats.slowStart(xs);
    RobustStats.relativeSpread(xs);
    assertThat(xs).containsExactly(before);
  }

  @Test
  void shouldGiveTheMildFencesTheOutlierCountUses() {
    double[] xs = {10, 10.2, 9.9, 10.1, 10, 10.3, 9.8, 30};
    assertThat(RobustStats.mildFences(xs)).containsExactly(new double[] {9.6, 10.6}, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(RobustStats.mildFences(new double[] {1, 2, 100}))
        .containsExactly(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
  }

  @Test
  void shouldFindOneHighSevereOutlier() {
    Outliers o = RobustStats.outliers(new double[] {10, 10.2, 9.9, 10.1, 10, 10.3, 9.8, 30});
    // Q1 9.975, Q3 10.225, IQR 0.25: the outer upper fence is 10.975
    assertThat(o).isEqualTo(new Outliers(0, 0, 0, 1, 8));
    assertThat(o.count()).isEqualTo(1);
    assertThat(o.any()).isTrue();
  }

  @Test
  void shouldFindAMildOutlierOnTheLowSide() {
    // Q1 9.875, Q3 10.1, IQR 0.225: 9.3 is below 9.5375 but above 9.2
    Outliers o = RobustStats.outliers(new double[] {10, 10.1, 9.9, 10, 10.2, 9.8, 10.1, 9.3});
    assertThat(o).isEqualTo(new Outliers(0, 1, 0, 0, 8));
  }

  @Test
  void shouldCountATukeyOutlierOnEachSide() {
    // Q1 9.9, Q3 10.1, IQR 0.2: inner fences 9.6 and 10.4, outer fences 9.3 and 10.7
    double[] base = {10, 10.1, 9.9, 10, 10.2, 9.8, 10.1, 10, 9.9, 10.1};
    assertThat(RobustStats.outliers(append(base, 9.5, 10.5)))
        .isEqualTo(new Outliers(0, 1, 1, 0, 12));
    assertThat(RobustStats.outliers(append(base, 9.0, 11.0)))
        .isEqualTo(new Outliers(1, 0, 0, 1, 12));
  }

  @Test
  void shouldFindNoOutliersInFewerThanFourValuesOrInASteadySample() {
    assertThat(RobustStats.outliers(new double[] {1, 1, 1000}))
        .isEqualTo(new Outliers(0, 0, 0, 0, 3));
    assertThat(RobustStats.outliers(new double[0]).any()).isFalse();
    assertThat(RobustStats.outliers(ONE_TO_TEN).any()).isFalse();
    assertThat(RobustStats.outliers(new double[] {5, 5, 5, 5}).count()).isZero();
  }

  @Test
  void shouldFlagAFirstIterationWellAboveTheRest() {
    // rest: median 10, MAD 0.05, so the tolerance is the 5% floor: 10.5
    assertThat(RobustStats.slowStart(new double[] {14, 10, 10.1, 9.9, 10})).isTrue();
    assertThat(RobustStats.slowStart(new double[] {10.3, 10, 10.1, 9.9, 10})).isFalse();
    assertThat(RobustStats.slowStart(new double[] {10.6, 10, 10.1, 9.9, 10})).isTrue();
    // a fast first iteration is not a slow start
    assertThat(RobustStats.slowStart(new double[] {5, 10, 10.1, 9.9, 10})).isFalse();
  }

  @Test
  void shouldWidenTheSlowStartToleranceWithTheRestsSpread() {
    // rest: median 10, MAD 0.5, 3 * 1.4826 * 0.5 = 2.2239 > 5%: the threshold is 12.2239
    assertThat(RobustStats.slowStart(new double[] {12, 10, 12, 8, 10.5, 9.5})).isFalse();
    assertThat(RobustStats.slowStart(new double[] {12.3, 10, 12, 8, 10.5, 9.5})).isTrue();
  }

  @Test
  void shouldNotJudgeAWarmUpFromFewerThanFourIterations() {
    assertThat(RobustStats.slowStart(new double[] {100, 10, 10})).isFalse();
    assertThat(RobustStats.slowStart(new double[0])).isFalse();
  }

  @Test
  void shouldScaleTheMadToARobustCoefficientOfVariation() {
    assertThat(RobustStats.relativeSpread(new double[] {9, 10, 11}))
        .isCloseTo(0.14826, within(1e-12));
    assertThat(RobustStats.relativeSpread(new double[] {-9, -10, -11}))
        .isCloseTo(0.14826, within(1e-12));
    // median 10.05, MAD 0.15: the 30 barely counts
    assertThat(RobustStats.relativeSpread(new double[] {10, 10.2, 9.9, 10.1, 10, 10.3, 9.8, 30}))
        .isCloseTo(1.4826 * 0.15 / 10.05, within(1e-12));
    assertThat(RobustStats.relativeSpread(new double[] {-1, 0, 1})).isNaN();
    assertThat(RobustStats.relativeSpread(new double[0])).isNaN();
  }

  @Test
  void shouldRejectANanNamingItsIndex() {
    double[] xs = {1, 2, 3, Double.NaN};
    assertThatThrownBy(() -> RobustStats.median(xs))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("xs[3] is NaN; samples must be finite");
    assertThatThrownBy(() -> RobustStats.quantile(xs, 0.5)).hasMessageContaining("xs[3] is NaN");
    assertThatThrownBy(() -> RobustStats.mad(xs)).hasMessageContaining("xs[3] is NaN");
    assertThatThrownBy(() -> RobustStats.outliers(xs)).hasMessageContaining("xs[3] is NaN");
    assertThatThrownBy(() -> RobustStats.relativeSpread(xs)).hasMessageContaining("xs[3] is NaN");
    assertThatThrownBy(() -> RobustStats.slowStart(xs))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("iterations[3] is NaN");
    assertThatThrownBy(() -> RobustStats.median(new double[] {Double.POSITIVE_INFINITY}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("xs[0] is Infinity");
  }

  @Test
  void shouldRejectNullAndAProbabilityOutsideZeroToOne() {
    assertThatThrownBy(() -> RobustStats.median(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("xs must not be null");
    assertThatThrownBy(() -> RobustStats.slowStart(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("iterations must not be null");
    assertThatThrownBy(() -> RobustStats.quantile(ONE_TO_TEN, 1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("p must be in [0, 1], got 1.5");
    assertThatThrownBy(() -> RobustStats.quantile(ONE_TO_TEN, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("p must be in [0, 1]");
  }

  @Test
  void shouldRejectOutlierCountsThatDoNotFitTheSample() {
    assertThatThrownBy(() -> new Outliers(0, 2, 1, 0, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("total");
    assertThatThrownBy(() -> new Outliers(-1, 0, 0, 0, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(">= 0");
  }

  private static double[] append(double[] xs, double... more) {
    double[] out = Arrays.copyOf(xs, xs.length + more.length);
    System.arraycopy(more, 0, out, xs.length, more.length);
    return out;
  }
}
