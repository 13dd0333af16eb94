package io.poollab.regress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class HolmTest {

  @Test
  void shouldMultiplyTheKthSmallestByMMinusKPlusOneAndKeepTheOrder() {
    double[] adjusted = Holm.adjust(new double[] {0.01, 0.04, 0.03});
    // sorted: 0.01 * 3 = 0.03, 0.03 * 2 = 0.06, 0.04 * 1 = 0.04 -> raised to 0.06 (monotone)
    assertThat(adjusted[0]).isCloseTo(0.03, within(1e-12));
    assertThat(adjusted[1]).isCloseTo(0.06, within(1e-12));
    assertThat(adjusted[2]).isCloseTo(0.06, within(1e-12));
  }

  @Test
  void shouldLeaveNanAsNoTestAndNotCountIt() {
    double[] adjusted = Holm.adjust(new double[] {Double.NaN, 0.02, Double.NaN, 0.5});
    assertThat(adjusted[0]).isNaN();
    assertThat(adjusted[2]).isNaN();
    assertThat(adjusted[1]).isCloseTo(0.04, within(1e-12)); // m = 2, not 4
    assertThat(adjusted[3]).isCloseTo(0.5, within(1e-12));
  }

  @Test
  void shouldCapAtOneAndLeaveASingleTestAlone() {
    assertThat(Holm.adjust(new double[] {0.5, 0.6, 0.9})).containsExactly(1.0, 1.0, 1.0);
    assertThat(Holm.adjust(new double[] {0.012})).containsExactly(0.012);
    assertThat(Holm.adjust(new double[0])).isEmpty();
  }

  @Test
  void shouldNeverLowerAPValue() {
    double[] raw = {0.2, 0.001, 0.04, 0.04, 0.7, 0.0};
    double[] adjusted = Holm.adjust(raw);
    for (int i = 0; i < raw.length; i++) {
      assertThat(adjusted[i]).isGreaterThanOrEqualTo(raw[i]).isLessThanOrEqualTo(1.0);
    }
  }

  @Test
  void shouldRejectAValueOutsideZeroToOneNamingIt() {
    assertThatThrownBy(() -> Holm.adjust(new double[] {0.1, 1.5}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("p-value 1")
        .hasMessageContaining("1.5");
  }
}
