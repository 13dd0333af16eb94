package io.poollab.regress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class RegressionCheckTest {

  private static final String SPEEDUP = "speedup:WordJobBenchmark.hashAll:POOL_MAP:workers=2:chunksize=default";
  private static final String OVERHEAD = "overhead:WordJobBenchmark.hashAll:POOL_MAP:workers=2:chunksize=default";

  private static FigureComparison only(List<Figure> base, List<Figure> run, CheckOptions o) {
    List<FigureComparison> cs = RegressionCheck.compare(base, run, o);
    assertThat(cs).hasSize(1);
    return cs.get(0);
  }

  private static Verdict verdict(List<Figure> base, List<Figure> run, CheckOptions o) {
    return Verdict.ofBaseline("run", "linux-x86_64-2c", "base", RegressionCheck.compare(base, run, o));
  }

  @Test
  void shouldPassWhenTheRunEqualsTheBaseline() {
    Figure f = Figures.of(SPEEDUP, Figures.spread(1.9, 0.05, 10));
    Verdict v = verdict(List.of(f), List.of(f), CheckOptions.DEFAULTS);
    assertThat(v.comparisons().get(0).outcome()).isEqualTo(Outcome.UNCHANGED);
    assertThat(v.comparisons().get(0).worsening()).isEqualTo(0.0);
    assertThat(v.exitCode()).isZero();
  }

  @Test
  void shouldFailWhenSlowerBeyondThresholdAndNoise() {
    Figure base = Figures.of(SPEEDUP, Figures.spread(1.9, 0.05, 10));
    Figure run = Figures.of(SPEEDUP, Figures.spread(1.5, 0.05, 10)); // 21% drop, tight samples
    Verdict v = verdict(List.of(base), List.of(run), CheckOptions.DEFAULTS);
    FigureComparison c = v.comparisons().get(0);
    assertThat(c.outcome()).isEqualTo(Outcome.REGRESSED);
    assertThat(c.worsening()).isCloseTo(0.4 / 1.9, within(1e-9));
    assertThat(c.intervalsApart()).isTrue();
    assertThat(c.pValue()).isLessThan(0.001);
    assertThat(v.exitCode()).isEqualTo(1);
    assertThat(v.headline()).startsWith("FAIL: 1 regressed");
  }

  @Test
  void shouldPassWhenSlowerOnlyWithinTheNoise() {
    // 16% lower mean, but the samples are so spread that the intervals overlap and ranks mix
    Figure base = Figures.of(SPEEDUP, 1.2, 2.6, 1.5, 2.4, 1.9);
    Figure run = Figures.of(SPEEDUP, 1.0, 2.3, 1.4, 2.0, 1.3);
    FigureComparison c = only(List.of(base), List.of(run), CheckOptions.DEFAULTS);
    assertThat(c.worsening()).isGreaterThan(0.10);
    assertThat(c.intervalsApart()).isFalse();
    assertThat(c.pValue()).isGreaterThan(0.05);
    assertThat(c.outcome()).isEqualTo(Outcome.NOISE);
    assertThat(c.fails()).isFalse();
  }

  @Test
  void shouldPassASignificantChangeSmallerThanTheThreshold() {
    Figure base = Figures.of(SPEEDUP, Figures.spread(1.90, 0.005, 10));
    Figure run = Figures.of(SPEEDUP, Figures.spread(1.80, 0.005, 10)); // 5.3% drop, clearly real
    FigureComparison c = only(List.of(base), List.of(run), CheckOptions.DEFAULTS);
    assertThat(c.intervalsApart()).isTrue();
    assertThat(c.outcome()).isEqualTo(Outcome.UNCHANGED);
  }

  @Test
  void shouldReportAFasterRunAsAnImprovementAndPass() {
    Figure base = Figures.of(SPEEDUP, Figures.spread(1.5, 0.05, 10));
    Figure run = Figures.of(SPEEDUP, Figures.spread(1.9, 0.05, 10));
    Verdict v = verdict(List.of(base), List.of(run), CheckOptions.DEFAULTS);
    assertThat(v.comparisons().get(0).outcome()).isEqualTo(Outcome.IMPROVED);
    assertThat(v.comparisons().get(0).worsening()).isNegative();
    assertThat(v.exitCode()).isZero();
    assertThat(v.headline()).contains("1 improved");
  }

  @Test
  void shouldHonourAPerFigureThreshold() {
    Figure base = Figures.of(SPEEDUP, Figures.spread(1.9, 0.05, 10));
    Figure run = Figures.of(SPEEDUP, Figures.spread(1.65, 0.05, 10)); // 13% drop
    assertThat(only(List.of(base), List.of(run), CheckOptions.DEFAULTS).outcome())
        .isEqualTo(Outcome.REGRESSED);
    CheckOptions lenient =
        new CheckOptions(0.10, List.of(ThresholdRule.parse("speedup:*=15%")), 0.05, false);
    FigureComparison c = only(List.of(base), List.of(run), lenient);
    assertThat(c.threshold()).isCloseTo(0.15, within(1e-12));
    assertThat(c.outcome()).isEqualTo(Outcome.UNCHANGED);
  }

  @Test
  void shouldNameAFigureMissingFromTheRunAndFail() {
    Figure f = Figures.of(SPEEDUP, Figures.spread(1.9, 0.05, 10));
    Figure other = Figures.of(SPEEDUP.replace("POOL_MAP", "POOL_IMAP"), Figures.spread(1.9, 0.05, 10));
    Verdict v = verdict(List.of(f, other), List.of(other), CheckOptions.DEFAULTS);
    assertThat(v.with(Outcome.MISSING)).extracting(FigureComparison::key).containsExactly(SPEEDUP);
    assertThat(v.exitCode()).isEqualTo(1);
    assertThat(VerdictWriter.table(v)).contains(SPEEDUP).contains("MISSING in run");

    Verdict allowed = verdict(List.of(f, other), List.of(other), new CheckOptions(0.1, List.of(), 0.05, true));
    assertThat(allowed.exitCode()).isZero();
    assertThat(VerdictWriter.table(allowed)).contains("MISSING in run (allowed)");
  }

  @Test
  void shouldNameAFigureNewInTheRunAndPass() {
    Figure f = Figures.of(SPEEDUP, Figures.spread(1.9, 0.05, 10));
    Verdict v = verdict(List.of(), List.of(f), CheckOptions.DEFAULTS);
    assertThat(v.with(Outcome.NEW)).extracting(FigureComparison::key).containsExactly(SPEEDUP);
    assertThat(v.exitCode()).isZero();
  }

  @Test
  void shouldDecideOnIntervalsAloneWhenThereAreNoSamples() {
    Figure base = new Figure(SPEEDUP, FigureKind.SPEEDUP, 1.9, 1.85, 1.95, null);
    Figure run = new Figure(SPEEDUP, FigureKind.SPEEDUP, 1.5, 1.45, 1.55, null);
    FigureComparison c = only(List.of(base), List.of(run), CheckOptions.DEFAULTS);
    assertThat(c.pValue()).isNaN();
    assertThat(c.outcome()).isEqualTo(Outcome.REGRESSED);
  }

  @Test
  void shouldDecideOnTheRankTestWhenIntervalsAreUnknown() {
    Figure base = new Figure(SPEEDUP, FigureKind.SPEEDUP, 1.9, Double.NaN, Double.NaN,
        Figures.spread(1.9, 0.05, 8));
    Figure run = new Figure(SPEEDUP, FigureKind.SPEEDUP, 1.5, Double.NaN, Double.NaN,
        Figures.spread(1.5, 0.05, 8));
    FigureComparison c = only(List.of(base), List.of(run), CheckOptions.DEFAULTS);
    assertThat(c.intervalsApart()).isFalse();
    assertThat(c.pValue()).isLessThan(0.05);
    assertThat(c.outcome()).isEqualTo(Outcome.REGRESSED);
  }

  @Test
  void shouldCallAChangeWithoutAnyEvidenceNoise() {
    Figure base = Figure.point(SPEEDUP, FigureKind.SPEEDUP, 1.9);
    Figure run = Figure.point(SPEEDUP, FigureKind.SPEEDUP, 1.2);
    assertThat(only(List.of(base), List.of(run), CheckOptions.DEFAULTS).outcome())
        .isEqualTo(Outcome.NOISE);
  }

  @Test
  void shouldMeasureOverheadAsAnAbsoluteRise() {
    // overhead 0.05 -> 0.12 serial item times: +0.07, below the 0.10 threshold
    Figure base = Figures.of(OVERHEAD, Figures.spread(0.05, 0.005, 10));
    Figure run = Figures.of(OVERHEAD, Figures.spread(0.12, 0.005, 10));
    FigureComparison c = only(List.of(base), List.of(run), CheckOptions.DEFAULTS);
    assertThat(c.worsening()).isCloseTo(0.07, within(1e-9));
    assertThat(c.outcome()).isEqualTo(Outcome.UNCHANGED);
    // 0.05 -> 0.25: +0.20, a regression
    Figure worse = Figures.of(OVERHEAD, Figures.spread(0.25, 0.005, 10));
    assertThat(only(List.of(base), List.of(worse), CheckOptions.DEFAULTS).outcome())
        .isEqualTo(Outcome.REGRESSED);
  }

  @Test
  void shouldTreatHigherLatencyAsWorse() {
    String key = "latency:p99:apply-async";
    Figure base = Figures.of(key, Figures.spread(3.0, 0.1, 10));
    Figure run = Figures.of(key, Figures.spread(4.0, 0.1, 10));
    assertThat(only(List.of(base), List.of(run), CheckOptions.DEFAULTS).outcome())
        .isEqualTo(Outcome.REGRESSED);
    assertThat(only(List.of(run), List.of(base), CheckOptions.DEFAULTS).outcome())
        .isEqualTo(Outcome.IMPROVED);
  }

  @Test
  void shouldRefuseDuplicateKeysAndKindClashes() {
    Figure f = Figures.of(SPEEDUP, 1, 2, 3);
    assertThatThrownBy(() -> RegressionCheck.compare(List.of(f, f), List.of(), CheckOptions.DEFAULTS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("baseline holds figure " + SPEEDUP + " twice");
  }

  @Test
  void shouldCheckFloorsWhenThereIsNoBaseline() {
    String best = "efficiency:WordJobBenchmark.hashAll:POOL_MAP:workers=2:chunksize=default";
    String weak = "efficiency:WordJobBenchmark.hashAll:POOL_APPLY_ASYNC:workers=2:chunksize=default";
    List<Figure> run =
        List.of(Figure.point(best, FigureKind.EFFICIENCY, 0.91), Figure.point(weak, FigureKind.EFFICIENCY, 0.3));
    List<FloorResult> rs = RegressionCheck.floors(run, Floors.DEFAULTS);
    assertThat(rs).hasSize(Floors.DEFAULTS.size());
    FloorResult scaling = rs.get(0);
    assertThat(scaling.outcome()).isEqualTo(Outcome.FLOOR_MET);
    assertThat(scaling.decidingKey()).isEqualTo(best);
    assertThat(scaling.matched()).isEqualTo(2);
    assertThat(rs.get(1).outcome()).isEqualTo(Outcome.NOT_MEASURED);
    Verdict v = Verdict.ofFloors("run", "linux-x86_64-2c", rs);
    assertThat(v.exitCode()).isZero();
    assertThat(v.headline()).contains("no baseline for machine class linux-x86_64-2c");

    List<Figure> slow = List.of(Figure.point(best, FigureKind.EFFICIENCY, 0.6));
    Verdict failed = Verdict.ofFloors("run", "linux-x86_64-2c", RegressionCheck.floors(slow, Floors.DEFAULTS));
    assertThat(failed.exitCode()).isEqualTo(1);
    assertThat(failed.floors().get(0).outcome()).isEqualTo(Outcome.FLOOR_MISSED);
  }

  @Test
  void shouldUseTheWorstFigureForAnEveryFloor() {
    Floor floor = new Floor("never slower", "speedup:*:POOL_*", FigureKind.SPEEDUP, false, 1.0);
    List<Figure> run =
        List.of(Figure.point("speedup:A:POOL_MAP", FigureKind.SPEEDUP, 1.8),
            Figure.point("speedup:A:POOL_IMAP", FigureKind.SPEEDUP, 0.7));
    FloorResult r = RegressionCheck.floors(run, List.of(floor)).get(0);
    assertThat(r.decidingKey()).isEqualTo("speedup:A:POOL_IMAP");
    assertThat(r.outcome()).isEqualTo(Outcome.FLOOR_MISSED);
  }

  @Test
  void shouldTakeTheLargestPValueOverTheRunsOfAMergedBaseline() {
    Figure runA = Figures.of(SPEEDUP, Figures.spread(1.9, 0.02, 10));
    Figure runB = Figures.of(SPEEDUP, Figures.spread(1.5, 0.02, 10));
    double[] pooled = new double[20];
    System.arraycopy(runA.samples(), 0, pooled, 0, 10);
    System.arraycopy(runB.samples(), 0, pooled, 10, 10);
    Figure merged = new Figure(SPEEDUP, FigureKind.SPEEDUP, 1.7, 1.45, 1.95, pooled);
    Figure likeB = Figures.of(SPEEDUP, Figures.spread(1.5, 0.02, 10)); // 11.8% below the merged value

    // against the pooled samples alone the mixture looks different from the run ...
    FigureComparison pooledOnly = only(List.of(merged), List.of(likeB), CheckOptions.DEFAULTS);
    assertThat(pooledOnly.pValue()).isLessThan(0.05);
    // ... but the run is no different from baseline run B, so it is drift, not a regression
    List<FigureComparison> cs = RegressionCheck.compare(
        List.of(merged), List.of(List.of(runA), List.of(runB)), List.of(likeB), CheckOptions.DEFAULTS);
    assertThat(cs.get(0).pValue()).isGreaterThan(0.5);
    assertThat(cs.get(0).outcome()).isEqualTo(Outcome.NOISE);

    Figure slower = Figures.of(SPEEDUP, Figures.spread(1.2, 0.02, 10));
    List<FigureComparison> worse = RegressionCheck.compare(
        List.of(merged), List.of(List.of(runA), List.of(runB)), List.of(slower), CheckOptions.DEFAULTS);
    assertThat(worse.get(0).outcome()).isEqualTo(Outcome.REGRESSED);
  }
  @Test
  void shouldNotCallTheSmallestRankTestPValueOfOneFigureAmongManyARegression() {
    // CI's false alarm: five iterations all below five, raw p = 0.012, intervals overlapping
    String loopback = "speedup:CpuIoBenchmark.runAll:POOL_MAP:workers=20:task=LOOPBACK";
    Figure base = new Figure(loopback, FigureKind.SPEEDUP, 14.6, 10.3, 18.9,
        new double[] {14.0, 14.3, 14.6, 14.9, 15.2});
    Figure run = new Figure(loopback, FigureKind.SPEEDUP, 11.3, 5.1, 17.5,
        new double[] {10.9, 11.1, 11.3, 11.5, 11.7});
    FigureComparison alone = only(List.of(base), List.of(run), CheckOptions.DEFAULTS);
    assertThat(alone.pValue()).isCloseTo(0.0122, within(1e-4));
    assertThat(alone.outcome()).isEqualTo(Outcome.REGRESSED); // one test: no correction

    List<Figure> baseAll = new java.util.ArrayList<>(List.of(base));
    List<Figure> runAll = new java.util.ArrayList<>(List.of(run));
    for (int i = 0; i < 40; i++) {
      Figure same = Figures.of("speedup:Other.bench:POOL_MAP:workers=2:n=" + i,
          Figures.spread(1.9, 0.1, 5));
      baseAll.add(same);
      runAll.add(same);
    }
    FigureComparison amongMany = RegressionCheck.compare(baseAll, runAll, CheckOptions.DEFAULTS)
        .stream().filter(c -> c.key().equals(loopback)).findFirst().orElseThrow();
    assertThat(amongMany.pValue()).isCloseTo(0.0122, within(1e-4));
    assertThat(amongMany.adjustedPValue()).isCloseTo(Math.min(1.0, 41 * amongMany.pValue()), within(1e-9));
    assertThat(amongMany.outcome()).isEqualTo(Outcome.NOISE);
    assertThat(amongMany.evidence()).contains("p=0.0122").contains("Holm");
  }

  @Test
  void shouldStillCatchAClearRegressionAmongManyFigures() {
    List<Figure> baseAll = new java.util.ArrayList<>();
    List<Figure> runAll = new java.util.ArrayList<>();
    for (int i = 0; i < 60; i++) {
      Figure same = Figures.of("speedup:Other.bench:POOL_MAP:workers=2:n=" + i,
          Figures.spread(1.9, 0.1, 10));
      baseAll.add(same);
      runAll.add(same);
    }
    // wide intervals that overlap (as JMH's 99.9% ones from few iterations are), ranks apart
    baseAll.add(new Figure(SPEEDUP, FigureKind.SPEEDUP, 1.9, 1.3, 2.5, Figures.spread(1.9, 0.1, 10)));
    runAll.add(new Figure(SPEEDUP, FigureKind.SPEEDUP, 1.4, 0.8, 2.0, Figures.spread(1.4, 0.1, 10)));
    FigureComparison c = RegressionCheck.compare(baseAll, runAll, CheckOptions.DEFAULTS)
        .stream().filter(x -> x.key().equals(SPEEDUP)).findFirst().orElseThrow();
    assertThat(c.intervalsApart()).isFalse();
    assertThat(c.adjustedPValue()).isLessThan(0.05);
    assertThat(c.outcome()).isEqualTo(Outcome.REGRESSED);
  }
}
