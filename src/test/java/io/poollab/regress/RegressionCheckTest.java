package io.poollab.regress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.poollab.report.QualityFlag;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RegressionCheckTest {

  private static final String MAP = "speedup:WordJobBenchmark.hashAll:POOL_MAP:workers=2:chunksize=default";
  private static final String ONE = "speedup:WordJobBenchmark.hashAll:POOL_MAP:workers=1:chunksize=default";
  private static final CheckOptions OPTS = CheckOptions.DEFAULTS;

  private static FigureComparison only(List<FigureComparison> cs) {
    assertThat(cs).hasSize(1);
    return cs.get(0);
  }

  private static FigureComparison compare(Figure base, Figure run, boolean confirm) {
    return only(RegressionCheck.compare(List.of(base), List.of(run), NoiseModel.NONE, OPTS, confirm));
  }

  @Test
  void shouldPassWhenTheRunEqualsTheBaseline() {
    FigureComparison c = compare(Figures.of(MAP, 1.90, 1.91, 1.89, 1.92), Figures.of(MAP, 1.90, 1.91, 1.89, 1.92), true);
    assertThat(c.outcome()).isEqualTo(Outcome.UNCHANGED);
    assertThat(c.worsening()).isCloseTo(0.0, within(1e-12));
    assertThat(c.fails()).isFalse();
  }

  @Test
  void shouldNameACandidateOnOneSidedEvidenceAndMeasureTheChangesInterval() {
    // 10% lower in every round: four rounds against four can say so at p = 1/70
    FigureComparison c = compare(Figures.of(ONE, 0.980, 0.990, 0.970, 0.985), Figures.of(ONE, 0.880, 0.890, 0.885, 0.870), true);
    assertThat(c.worsening()).isCloseTo(0.1011, within(0.005));
    assertThat(c.pValue()).isCloseTo(1.0 / 70, within(1e-9));
    assertThat(c.worseningLow()).isPositive();
    assertThat(c.worseningHigh()).isGreaterThan(c.worseningLow());
    assertThat(c.outcome()).isEqualTo(Outcome.REGRESSED);
    assertThat(c.evidence()).contains("change [-").contains("p=0.0143");
  }

  @Test
  void shouldWantStrongEvidenceWhenNothingWillConfirm() {
    Figure base = Figures.of(ONE, 0.980, 0.990, 0.970, 0.985);
    Figure run = Figures.of(ONE, 0.880, 0.890, 0.885, 0.870);
    // alone, p = 1/70 with an interval beyond zero: strong enough
    assertThat(compare(base, run, false).outcome()).isEqualTo(Outcome.REGRESSED);
    // among 10 figures, Holm multiplies it by 10: no longer enough without confirmation
    List<Figure> bases = new ArrayList<>(List.of(base));
    List<Figure> runs = new ArrayList<>(List.of(run));
    for (int i = 0; i < 9; i++) {
      String key = "speedup:Other.bench:POOL_MAP:workers=" + (i + 3) + ":chunksize=default";
      bases.add(Figures.of(key, 1.50, 1.51, 1.49, 1.52));
      runs.add(Figures.of(key, 1.505, 1.495, 1.515, 1.485));
    }
    FigureComparison among = RegressionCheck.compare(bases, runs, NoiseModel.NONE, OPTS, false).stream()
        .filter(c -> c.key().equals(ONE)).findFirst().orElseThrow();
    assertThat(among.adjustedPValue()).isCloseTo(10.0 / 70, within(1e-9));
    assertThat(among.outcome()).isEqualTo(Outcome.NOISE);
    // with confirmation to follow it is a candidate
    FigureComparison candidate = RegressionCheck.compare(bases, runs, NoiseModel.NONE, OPTS, true).stream()
        .filter(c -> c.key().equals(ONE)).findFirst().orElseThrow();
    assertThat(candidate.outcome()).isEqualTo(Outcome.REGRESSED);
  }

  @Test
  void shouldPassAClearChangeSmallerThanTheThreshold() {
    FigureComparison c = compare(Figures.of(ONE, 0.98, 0.98, 0.98, 0.98), Figures.of(ONE, 0.95, 0.95, 0.95, 0.95), true);
    assertThat(c.worsening()).isCloseTo(0.0306, within(0.001));
    assertThat(c.outcome()).isEqualTo(Outcome.UNCHANGED);
  }

  @Test
  void shouldCallAChangeWithoutEvidenceNoise() {
    // the medians differ by 8%, but the rounds overlap
    FigureComparison c = compare(Figures.of(MAP, 1.5, 1.9, 2.1, 1.7), Figures.of(MAP, 1.9, 1.4, 1.6, 1.8), true);
    assertThat(c.worsening()).isGreaterThan(OPTS.defaultThreshold());
    assertThat(c.outcome()).isEqualTo(Outcome.NOISE);
  }

  @Test
  void shouldReportAnImprovementOnlyWithStrongEvidenceAndAnUnflaggedFigure() {
    Figure base = Figures.of(MAP, 1.60, 1.61, 1.59, 1.60);
    assertThat(compare(base, Figures.of(MAP, 1.90, 1.91, 1.89, 1.92), true).outcome()).isEqualTo(Outcome.IMPROVED);
    Figure noisy = Figures.of(MAP, Set.of(QualityFlag.NOISY), 1.90, 1.91, 1.89, 1.92);
    assertThat(compare(base, noisy, true).outcome()).isEqualTo(Outcome.NOISE);
  }

  @Test
  void shouldHonourAPerFigureThresholdAndTheFiguresNoiseBetweenBaselineRuns() {
    Figure base = Figures.of(MAP, 1.90, 1.91, 1.89, 1.92);
    Figure run = Figures.of(MAP, 1.70, 1.71, 1.69, 1.70);
    CheckOptions wide = OPTS.withRulesBefore(List.of(ThresholdRule.parse("speedup:*POOL_MAP*=15%")));
    assertThat(only(RegressionCheck.compare(List.of(base), List.of(run), NoiseModel.NONE, wide, true)).outcome())
        .isEqualTo(Outcome.UNCHANGED);
    // three baseline runs whose estimates wandered 1.75 .. 2.05: about 17% noise
    NoiseModel noise = NoiseModel.of(List.of(
        List.of(Figures.of(MAP, 1.75, 1.75)), List.of(Figures.of(MAP, 1.90, 1.90)), List.of(Figures.of(MAP, 2.05, 2.05))));
    FigureComparison c = only(RegressionCheck.compare(List.of(base), List.of(run), noise, OPTS, true));
    assertThat(c.noise()).isCloseTo(0.171, within(0.005));
    assertThat(c.threshold()).isEqualTo(c.noise());
    assertThat(c.outcome()).isEqualTo(Outcome.UNCHANGED);
  }

  @Test
  void shouldNameAFigureMissingFromTheRunAndFailUnlessAllowed() {
    List<FigureComparison> cs = RegressionCheck.compare(List.of(Figures.of(MAP, 1.9, 1.9)), List.of(),
        NoiseModel.NONE, OPTS, true);
    assertThat(only(cs).outcome()).isEqualTo(Outcome.MISSING);
    assertThat(only(cs).fails()).isTrue();
    CheckOptions allow = new CheckOptions(0.05, List.of(), 0.05, true, 3, Duration.ofMinutes(1));
    assertThat(only(RegressionCheck.compare(List.of(Figures.of(MAP, 1.9, 1.9)), List.of(), NoiseModel.NONE, allow, true))
        .fails()).isFalse();
  }

  @Test
  void shouldNameAFigureNewInTheRunAndPass() {
    FigureComparison c = only(RegressionCheck.compare(List.of(), List.of(Figures.of(MAP, 1.9, 1.9)), NoiseModel.NONE, OPTS, true));
    assertThat(c.outcome()).isEqualTo(Outcome.NEW);
    assertThat(c.fails()).isFalse();
  }

  @Test
  void shouldTreatHigherLatencyAsWorse() {
    String key = "latency:p50:RoundTripLatencyBenchmark.applyAsyncRoundTrip:POOL_APPLY_ASYNC:workers=1:chunksize=default";
    FigureComparison c = compare(Figures.of(key, 4.0, 4.1, 3.9, 4.0), Figures.of(key, 6.0, 6.1, 5.9, 6.0), true);
    assertThat(c.worsening()).isCloseTo(0.5, within(1e-9));
    assertThat(c.outcome()).isEqualTo(Outcome.REGRESSED);
  }

  @Test
  void shouldRefuseDuplicateKeysAndKindClashes() {
    assertThatThrownBy(() -> RegressionCheck.compare(List.of(Figures.of(MAP, 1), Figures.of(MAP, 2)), List.of(),
        NoiseModel.NONE, OPTS, true)).hasMessageContaining("holds figure " + MAP + " twice");
    assertThatThrownBy(() -> Figures.of("speed:x", 1)).hasMessageContaining("unknown figure kind 'speed'");
  }

  @Test
  void shouldConfirmACandidateThatFreshRoundsStillFindWorse() {
    Figure base = Figures.of(ONE, 0.980, 0.990, 0.970, 0.985, 0.982, 0.992, 0.972, 0.978);
    List<FigureComparison> stage1 = RegressionCheck.compare(List.of(base),
        List.of(Figures.of(ONE, 0.880, 0.890, 0.885, 0.870)), NoiseModel.NONE, OPTS, true);
    List<FigureComparison> confirmed = RegressionCheck.confirm(stage1,
        List.of(Figures.of(ONE, 0.891, 0.882, 0.879)), null, OPTS);
    FigureComparison c = only(confirmed);
    assertThat(c.outcome()).isEqualTo(Outcome.REGRESSED);
    assertThat(c.confirmation().rounds()).isEqualTo(3);
    assertThat(c.confirmation().worsening()).isCloseTo(0.102, within(0.005));
    // the 3 fresh rounds all below the 8 baseline rounds
    assertThat(c.confirmation().pValue()).isCloseTo(1.0 / 165, within(1e-9));
    assertThat(c.fails()).isTrue();
  }

  @Test
  void shouldClearACandidateThatFreshRoundsFindWithinTheThreshold() {
    Figure base = Figures.of(ONE, 0.980, 0.990, 0.970, 0.985);
    List<FigureComparison> stage1 = RegressionCheck.compare(List.of(base),
        List.of(Figures.of(ONE, 0.880, 0.890, 0.885, 0.870)), NoiseModel.NONE, OPTS, true);
    FigureComparison c = only(RegressionCheck.confirm(stage1, List.of(Figures.of(ONE, 0.98, 0.97, 0.99)), null, OPTS));
    assertThat(c.outcome()).isEqualTo(Outcome.CLEARED);
    assertThat(c.fails()).isFalse();
    assertThat(c.evidence()).contains("3 fresh rounds");
  }

  @Test
  void shouldLeaveACandidateInconclusiveWhenTheFreshRoundsAreDisturbedOrTooFew() {
    Figure base = Figures.of(ONE, 0.980, 0.990, 0.970, 0.985);
    List<FigureComparison> stage1 = RegressionCheck.compare(List.of(base),
        List.of(Figures.of(ONE, 0.880, 0.890, 0.885, 0.870)), NoiseModel.NONE, OPTS, true);
    Figure disturbed = Figures.of(ONE, Set.of(QualityFlag.DISTURBED), 0.80, 0.81, 0.79);
    assertThat(only(RegressionCheck.confirm(stage1, List.of(disturbed), null, OPTS)).outcome())
        .isEqualTo(Outcome.INCONCLUSIVE);
    assertThat(only(RegressionCheck.confirm(stage1, List.of(Figures.of(ONE, 0.88)), null, OPTS)).outcome())
        .isEqualTo(Outcome.INCONCLUSIVE);
    assertThat(only(RegressionCheck.confirm(stage1, List.of(), null, OPTS)).outcome())
        .isEqualTo(Outcome.INCONCLUSIVE);
  }

  @Test
  void shouldLeaveACandidateInconclusiveWhenTheFreshRoundsAreTooNoisyToTell() {
    Figure base = Figures.of(ONE, 0.980, 0.990, 0.970, 0.985, 0.982, 0.992, 0.972, 0.978);
    List<FigureComparison> stage1 = RegressionCheck.compare(List.of(base),
        List.of(Figures.of(ONE, 0.880, 0.890, 0.885, 0.870)), NoiseModel.NONE, OPTS, true);
    // worse by 10% and below every baseline round but one, yet one fresh round reached 1.05
    Figure noisy = Figures.of(ONE, 0.86, 0.95, 0.88, 1.05, 0.84);
    FigureComparison c = only(RegressionCheck.confirm(stage1, List.of(noisy), null, OPTS));
    assertThat(noisy.high()).isGreaterThan(base.value());
    assertThat(c.confirmation().worsening()).isGreaterThan(c.threshold());
    assertThat(c.outcome()).isEqualTo(Outcome.INCONCLUSIVE);
  }

  @Test
  void shouldCompareFreshRoundsOfBothBuildsWhenTheReferenceIsMeasuredAgain() {
    Figure ref = Figures.of(ONE, 0.98, 0.99, 0.97);
    List<FigureComparison> stage1 = RegressionCheck.compare(List.of(ref),
        List.of(Figures.of(ONE, 0.882, 0.893, 0.871)), NoiseModel.NONE, OPTS, true);
    assertThat(only(stage1).outcome()).isEqualTo(Outcome.REGRESSED);
    FigureComparison c = only(RegressionCheck.confirm(stage1, List.of(Figures.of(ONE, 0.881, 0.892, 0.883)),
        List.of(Figures.of(ONE, 0.981, 0.975, 0.984)), OPTS));
    // 3 fresh rounds of the head, all lower than the reference's 3 rounds of the run and 3 fresh
    // ones: p = 1/C(9,3) = 1/84 (against the 3 fresh alone it could never go below 1/20)
    assertThat(c.confirmation().pValue()).isCloseTo(1.0 / 84, within(1e-9));
    assertThat(c.outcome()).isEqualTo(Outcome.REGRESSED);
    // fresh head rounds of which two reach the reference's are not confirmed
    FigureComparison mingled = only(RegressionCheck.confirm(stage1,
        List.of(Figures.of(ONE, 0.881, 0.985, 0.883, 0.975, 0.889)),
        List.of(Figures.of(ONE, 0.981, 0.975, 0.984, 0.979, 0.990)), OPTS));
    assertThat(mingled.outcome()).isNotEqualTo(Outcome.REGRESSED);
  }

  @Test
  void shouldNotCallOneOfManyUnchangedFiguresARegressionOnNoiseAlone() {
    // 40 figures of unchanged code: four rounds each, the same spread on both sides
    List<Figure> base = new ArrayList<>();
    List<Figure> run = new ArrayList<>();
    java.util.Random r = new java.util.Random(5);
    for (int i = 0; i < 40; i++) {
      String key = "speedup:Job.m:POOL_MAP:workers=" + (i + 1) + ":chunksize=default";
      base.add(Figures.of(key, 2 + 0.05 * r.nextGaussian(), 2 + 0.05 * r.nextGaussian(), 2 + 0.05 * r.nextGaussian(), 2 + 0.05 * r.nextGaussian()));
      run.add(Figures.of(key, 2 + 0.05 * r.nextGaussian(), 2 + 0.05 * r.nextGaussian(), 2 + 0.05 * r.nextGaussian(), 2 + 0.05 * r.nextGaussian()));
    }
    assertThat(RegressionCheck.compare(base, run, NoiseModel.NONE, OPTS, false))
        .noneMatch(FigureComparison::fails);
  }

  @Test
  void shouldCheckFloorsWhenThereIsNoBaseline() {
    List<FloorResult> results = RegressionCheck.floors(List.of(
        Figures.of("speedup:WordJobBenchmark.hashAll:POOL_MAP:workers=2:chunksize=default:hashing=NEW_DIGEST", 1.8),
        Figures.of("speedup:WordJobBenchmark.hashAll:POOL_IMAP_UNORDERED:workers=2:chunksize=1:hashing=NEW_DIGEST", 0.7)),
        Floors.DEFAULTS);
    assertThat(results).extracting(FloorResult::outcome)
        .containsExactly(Outcome.FLOOR_MET, Outcome.FLOOR_MISSED, Outcome.FLOOR_MET);
    assertThat(results.get(1).fails()).isTrue();
  }

  @Test
  void shouldUseTheWorstFigureForAnEveryFloor() {
    List<FloorResult> results = RegressionCheck.floors(List.of(
        Figures.of("speedup:WordJobBenchmark.hashAll:POOL_MAP:workers=2:chunksize=default:hashing=NEW_DIGEST", 1.8),
        Figures.of("speedup:WordJobBenchmark.hashAll:POOL_MAP:workers=2:chunksize=1:hashing=NEW_DIGEST", 0.9)),
        List.of(Floors.DEFAULTS.get(2)));
    assertThat(results.get(0).value()).isEqualTo(0.9);
    assertThat(results.get(0).outcome()).isEqualTo(Outcome.FLOOR_MISSED);
    assertThat(Map.of("k", results.get(0).matched())).containsEntry("k", 2);
  }
}
