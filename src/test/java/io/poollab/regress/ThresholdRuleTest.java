package io.poollab.regress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ThresholdRuleTest {

  private static final String KEY = "speedup:WordJobBenchmark.hashAll:POOL_MAP:workers=2:chunksize=default";

  @Test
  void shouldParseGlobWithPercent() {
    ThresholdRule r = ThresholdRule.parse("speedup:*=15%");
    assertThat(r.threshold()).isCloseTo(0.15, within(1e-12));
    assertThat(r.matches(KEY)).isTrue();
    assertThat(r.matches("efficiency:x")).isFalse();
  }

  @Test
  void shouldSplitAtTheLastEqualsSignBecauseKeysHoldThem() {
    ThresholdRule r = ThresholdRule.parse("*:workers=2:*=0.2");
    assertThat(r.threshold()).isCloseTo(0.2, within(1e-12));
    assertThat(r.matches(KEY)).isTrue();
    assertThat(r.matches(KEY.replace("workers=2", "workers=4"))).isFalse();
  }

  @Test
  void shouldAcceptRegex() {
    ThresholdRule r = ThresholdRule.parse("re:speedup:.*POOL_(MAP|IMAP):.*=25%");
    assertThat(r.matches(KEY)).isTrue();
    assertThat(r.matches(KEY.replace("POOL_MAP", "POOL_APPLY_ASYNC"))).isFalse();
  }

  @Test
  void shouldLetTheLastMatchingRuleWin() {
    CheckOptions o =
        new CheckOptions(
            0.10,
            List.of(ThresholdRule.parse("speedup:*=15%"), ThresholdRule.parse("*POOL_MAP*=30%")),
            0.05,
            false,
            3,
            java.time.Duration.ofMinutes(4));
    assertThat(o.thresholdFor(KEY)).isCloseTo(0.30, within(1e-12));
    assertThat(o.thresholdFor("speedup:X:POOL_IMAP:workers=2:chunksize=1")).isCloseTo(0.15, within(1e-12));
    assertThat(o.thresholdFor("latency:p50:X:POOL_IMAP:workers=2:chunksize=1")).isCloseTo(0.10, within(1e-12));
  }

  @Test
  void shouldRefuseMalformedRulesNamingThem() {
    assertThatThrownBy(() -> ThresholdRule.parse("speedup:*"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'speedup:*'")
        .hasMessageContaining("PATTERN=VALUE");
    assertThatThrownBy(() -> ThresholdRule.parse("speedup:*=fast"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'fast'")
        .hasMessageContaining("15%");
    assertThatThrownBy(() -> ThresholdRule.parse("speedup:*=-5%"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ThresholdRule.parse("re:speedup:(=5%"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad regex");
  }
}
