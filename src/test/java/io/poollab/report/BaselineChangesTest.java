package io.poollab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The "change vs baseline" section from rows the report command computed. */
class BaselineChangesTest {

  private static final String MAP =
      "speedup:WordJobBenchmark.hashAll:POOL_MAP:workers=2:chunksize=default:hashing=NEW_DIGEST";
  private static final String P99 = "latency:p99:RoundTripLatencyBenchmark.applyAsyncRoundTrip:POOL_APPLY_ASYNC";

  private static final BaselineChanges COMPARED = new BaselineChanges(true, "linux-x86_64-2c",
      "reports/baseline/linux-x86_64-2c", true, List.of(
          // 1.92 -> 1.44: down 25%, its interval wholly below zero
          new BaselineChange(MAP, 1.92, 1.90, 1.94, 1.44, 1.41, 1.47, 1.44 / 1.92 - 1, -0.27, -0.23,
              BaselineChange.Call.REGRESSED),
          // 107 -> 118: up 10%, but within its threshold
          new BaselineChange(P99, 107, 98.3, 124, 118, 104, 132, 118.0 / 107 - 1, -0.138, 0.265,
              BaselineChange.Call.SAME)),
      2, 5, "", "./run-benchmarks.sh check reports/20260102-000000");

  @Test
  void shouldTabulateLikeBenchstat() {
    assertThat(COMPARED.table().toText()).isEqualTo("""
        table baseline: Change vs baseline (linux-x86_64-2c)
        figure\tbaseline\tthis run\tchange [95%% interval]\tverdict
        %s\t1.92 [1.90, 1.94]\t1.44 [1.41, 1.47]\t-25.0%% [-27.0%%, -23.0%%]\tregressed?
        %s\t107 [98.3, 124]\t118 [104, 132]\t~ (+10.3%% [-13.8%%, +26.5%%])\t~
        """.formatted(MAP, P99));
    assertThat(COMPARED.lines()).containsExactly(
        "2 figure(s) compared with reports/baseline/linux-x86_64-2c: 1 regressed?, 0 improved, 1 ~."
            + " \"~\": within its threshold, or beyond it without evidence (noise); \"regressed?\": worse"
            + " beyond its threshold with some evidence in this run (a rank test over rounds, or the"
            + " change's interval beyond zero), which the check measures again before it fails;"
            + " \"improved\": better beyond its threshold with strong evidence.",
        "2 figure(s) of the baseline were not measured in this run; 5 figure(s) of this run have no baseline.",
        "For the confirmed verdict (fresh interleaved rounds for what looks regressed):"
            + " ./run-benchmarks.sh check reports/20260102-000000");
  }

  @Test
  void shouldSayInOneLineWhenThereIsNoBaseline() {
    BaselineChanges none = BaselineChanges.noBaseline("linux-x86_64-2c", "reports/baseline/linux-x86_64-2c",
        "./run-benchmarks.sh check reports/20260102-000000");
    assertThat(none.table().rows()).isEmpty();
    assertThat(none.lines()).first().isEqualTo("No committed baseline for machine class linux-x86_64-2c"
        + " (looked in reports/baseline/linux-x86_64-2c), so nothing is compared.");
  }

  @Test
  void shouldPutTheSectionOnThePageOnlyWhenLookedFor() {
    RunResults run = RunReader.read(Golden.run("full"));
    String with = RunPage.render(run, new ChartSet(List.of(), List.of()), Map.of(), COMPARED);
    assertThat(with).contains("<h2 id=\"baseline\">Change vs baseline (linux-x86_64-2c)</h2>",
        "<a href=\"#baseline\">vs baseline</a>", "regressed?", "~ (+10.3% [-13.8%, +26.5%])",
        "./run-benchmarks.sh check reports/20260102-000000");
    assertThat(with.indexOf("id=\"recommendation\"")).isLessThan(with.indexOf("id=\"baseline\""));
    assertThat(with.indexOf("id=\"baseline\"")).isLessThan(with.indexOf("id=\"quality\""));
    String without = RunPage.render(run, new ChartSet(List.of(), List.of()), Map.of());
    assertThat(without).doesNotContain("id=\"baseline\"", "#baseline");
    assertThat(Summary.markdown(run, COMPARED)).contains("Change vs baseline (linux-x86_64-2c):",
        "| " + MAP + " | 1.92 [1.90, 1.94] | 1.44 [1.41, 1.47] | -25.0% [-27.0%, -23.0%] | regressed? |");
  }
}
