package io.poollab.regress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class NoiseModelTest {

  private static final String K = "speedup:W.m:POOL_MAP:workers=2:chunksize=default";

  @Test
  void shouldTakeTwiceTheStandardDeviationOfTheRunsLogEstimates() {
    NoiseModel m = NoiseModel.of(List.of(
        List.of(Figures.of(K, 1.0)), List.of(Figures.of(K, 1.1)), List.of(Figures.of(K, 1.2))));
    double[] logs = {Math.log(1.0), Math.log(1.1), Math.log(1.2)};
    double mean = (logs[0] + logs[1] + logs[2]) / 3;
    double sd = Math.sqrt(((logs[0] - mean) * (logs[0] - mean) + (logs[1] - mean) * (logs[1] - mean)
        + (logs[2] - mean) * (logs[2] - mean)) / 2);
    assertThat(m.of(K)).isCloseTo(Math.expm1(2 * sd), within(1e-12));
    assertThat(m.runs()).isEqualTo(3);
  }

  @Test
  void shouldUseTheRatioOfTwoRunsAndKnowNothingOfOne() {
    NoiseModel two = NoiseModel.of(List.of(List.of(Figures.of(K, 2.0)), List.of(Figures.of(K, 1.6))));
    assertThat(two.of(K)).isCloseTo(0.25, within(1e-12));
    NoiseModel one = NoiseModel.of(List.of(List.of(Figures.of(K, 2.0))));
    assertThat(one.of(K)).isZero();
    assertThat(NoiseModel.NONE.of(K)).isZero();
  }

  @Test
  void shouldGiveASteadyFigureNoNoise() {
    NoiseModel m = NoiseModel.of(List.of(List.of(Figures.of(K, 1.5)), List.of(Figures.of(K, 1.5)), List.of(Figures.of(K, 1.5))));
    assertThat(m.of(K)).isZero();
  }
}
