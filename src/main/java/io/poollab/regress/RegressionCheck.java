package io.poollab.regress;

import io.poollab.report.QualityFlag;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.MannWhitneyUTest;

/**
 * The decision: compares the figures of a run with those of a baseline, confirms what looks
 * regressed with fresh rounds, or checks figures against absolute floors.
 *
 * <h2>Stage 1: the run against the baseline</h2>
 * For every figure of both: the worsening {@code w} (a fraction of the baseline value, positive
 * when worse), its 95% interval from the two estimates' bootstrap replicates paired index by
 * index, and the one-sided Mann-Whitney U test of the run's per-round values against the
 * baseline's in the direction of the change (Apache Commons Statistics), Holm-corrected over every
 * figure tested. The threshold {@code t} is the configured one, raised to the figure's noise
 * between baseline runs ({@link NoiseModel}).
 * <ul>
 *   <li>{@code |w| <= t}: {@link Outcome#UNCHANGED};</li>
 *   <li>{@code w > t} with evidence: a regression candidate. With confirmation to follow, the
 *       evidence may be weak (raw {@code p < alpha}, or the interval of {@code w} above zero),
 *       since only confirmed candidates fail. Without, it must be strong (the interval above zero
 *       and Holm-corrected {@code p < alpha});</li>
 *   <li>{@code w < -t} with strong evidence and a run figure without quality flags:
 *       {@link Outcome#IMPROVED};</li>
 *   <li>otherwise {@link Outcome#NOISE}.</li>
 * </ul>
 * A figure of the baseline missing from the run fails (a configuration that stopped running would
 * otherwise pass silently) unless missing figures are allowed; one only in the run is
 * {@link Outcome#NEW} and passes.
 *
 * <h2>Stage 2: confirmation ({@link #confirm})</h2>
 * The candidates' configurations run again in fresh interleaved rounds. A candidate fails only
 * when the fresh rounds are still worse than the threshold, beat the baseline's rounds in the
 * one-sided Mann-Whitney test at {@code alpha / candidates} (Bonferroni), <em>and</em> their own
 * 95% interval lies wholly on the worse side of the baseline's value. The test uses
 * the fresh rounds alone: the run's rounds were singled out for looking worse, so adding them
 * would make noise confirm itself. Fresh rounds within the threshold clear the candidate ({@link
 * Outcome#CLEARED}); fresh rounds that are disturbed, or worse but without that evidence, leave it
 * {@link Outcome#INCONCLUSIVE}. Against a reference build measured again ({@code check --against}),
 * the fresh rounds of both builds are compared (worsening and interval), and the test takes the
 * reference build's rounds of the run and of the confirmation together, as it takes all the
 * rounds of a stored baseline.
 *
 * <pre>{@code
 * List<FigureComparison> cs = RegressionCheck.compare(baseline, run, NoiseModel.NONE, CheckOptions.DEFAULTS, true);
 * boolean failed = cs.stream().anyMatch(FigureComparison::fails);
 * }</pre>
 */
public final class RegressionCheck {

  private RegressionCheck() {}

  /**
   * Stage 1: compares every figure key of either side.
   *
   * @param baseline the baseline's figures (unique keys)
   * @param current the run's figures (unique keys)
   * @param noise the baseline's between-run noise
   * @param options thresholds and significance
   * @param willConfirm whether candidates will be confirmed (then they are {@link
   *     Outcome#REGRESSED} on weaker evidence, to be confirmed or cleared)
   * @return one comparison per key, sorted by key
   * @throws IllegalArgumentException when a side holds a key twice, or the sides disagree on a kind
   */
  public static List<FigureComparison> compare(List<Figure> baseline, List<Figure> current,
      NoiseModel noise, CheckOptions options, boolean willConfirm) {
    Map<String, Figure> base = index(baseline, "baseline");
    Map<String, Figure> cur = index(current, "run");
    TreeSet<String> sorted = new TreeSet<>(base.keySet());
    sorted.addAll(cur.keySet());
    List<String> keys = new ArrayList<>(sorted);
    double[] raw = new double[keys.size()];
    for (int i = 0; i < raw.length; i++) {
      Figure b = base.get(keys.get(i));
      Figure c = cur.get(keys.get(i));
      raw[i] = b == null || c == null ? Double.NaN : pValue(b.kind(), b.perRound(), c.perRound(),
          c.kind().worsening(b.value(), c.value()) > 0);
    }
    double[] adjusted = Holm.adjust(raw);
    List<FigureComparison> out = new ArrayList<>(keys.size());
    for (int i = 0; i < raw.length; i++) {
      String key = keys.get(i);
      out.add(compareOne(key, base.get(key), cur.get(key), raw[i], adjusted[i], noise, options, willConfirm));
    }
    return out;
  }

  private static FigureComparison compareOne(String key, Figure b, Figure c, double p, double adjustedP,
      NoiseModel noise, CheckOptions options, boolean willConfirm) {
    double configured = options.thresholdFor(key);
    double n = noise.of(key);
    double threshold = Math.max(configured, n);
    if (b == null) {
      return new FigureComparison(key, c.kind(), null, c, threshold, n, Double.NaN, Double.NaN,
          Double.NaN, Double.NaN, Double.NaN, Outcome.NEW, false, null);
    }
    if (c == null) {
      return new FigureComparison(key, b.kind(), b, null, threshold, n, Double.NaN, Double.NaN,
          Double.NaN, Double.NaN, Double.NaN, Outcome.MISSING, options.allowMissing(), null);
    }
    if (b.kind() != c.kind()) {
      throw new IllegalArgumentException(
          "figure " + key + " is " + b.kind() + " in the baseline but " + c.kind() + " in the run");
    }
    FigureKind kind = b.kind();
    double w = kind.worsening(b.value(), c.value());
    double[] interval = worseningInterval(kind, b, c);
    boolean intervalWorse = interval[0] > 0;
    boolean intervalBetter = interval[1] < 0;
    Outcome outcome;
    if (Double.isNaN(w) || Math.abs(w) <= threshold) {
      outcome = Outcome.UNCHANGED;
    } else if (w > 0) {
      boolean weak = p < options.alpha() || intervalWorse;
      boolean strong = adjustedP < options.alpha() && intervalWorse;
      outcome = (willConfirm ? weak : strong) ? Outcome.REGRESSED : Outcome.NOISE;
    } else {
      boolean strong = adjustedP < options.alpha() && intervalBetter;
      outcome = strong && !c.quality().flagged() ? Outcome.IMPROVED : Outcome.NOISE;
    }
    return new FigureComparison(key, kind, b, c, threshold, n, w, interval[0], interval[1], p,
        adjustedP, outcome, false, null);
  }

  /**
   * Stage 2: confirms or clears the regression candidates with fresh rounds.
   *
   * @param stage1 the comparisons of stage 1
   * @param fresh the figures of the fresh rounds of the run's side
   * @param freshBaseline the figures of fresh rounds of the baseline's side (a direct comparison
   *     of two builds), or null when the stored baseline stays the reference
   * @param options significance
   * @return the comparisons, candidates decided
   */
  public static List<FigureComparison> confirm(List<FigureComparison> stage1, List<Figure> fresh,
      List<Figure> freshBaseline, CheckOptions options) {
    Map<String, Figure> freshByKey = index(fresh, "fresh rounds");
    Map<String, Figure> freshBase = freshBaseline == null ? Map.of() : index(freshBaseline, "fresh baseline rounds");
    long candidates = stage1.stream().filter(c -> c.outcome() == Outcome.REGRESSED).count();
    double bound = options.alpha() / Math.max(1, candidates);
    List<FigureComparison> out = new ArrayList<>(stage1.size());
    for (FigureComparison c : stage1) {
      if (c.outcome() != Outcome.REGRESSED) {
        out.add(c);
        continue;
      }
      Figure f = freshByKey.get(c.key());
      Figure fb = freshBaseline == null ? c.baseline() : freshBase.get(c.key());
      if (f == null || fb == null || f.rounds() < 2 || f.quality().flags().contains(QualityFlag.DISTURBED)
          || fb.quality().flags().contains(QualityFlag.DISTURBED)) {
        out.add(c.confirmed(Outcome.INCONCLUSIVE,
            new FigureComparison.Confirmed(0, Double.NaN, Double.NaN, Double.NaN, bound)));
        continue;
      }
      double w2 = c.kind().worsening(fb.value(), f.value());
      // the run's fresh rounds alone: its own rounds were picked for looking worse, and would
      // carry that luck into the test. A reference build measured again is tested with all of its
      // rounds, as a stored baseline is: three fresh rounds a side can never reach p < 0.01
      // (their smallest one-sided p is 1/20), so a 25% slow-down planted in the head stayed
      // "inconclusive" whenever one of five fresh rounds was disturbed
      double[] reference = freshBaseline == null ? fb.perRound()
          : java.util.stream.DoubleStream.concat(
              java.util.Arrays.stream(c.baseline().perRound()), java.util.Arrays.stream(fb.perRound())).toArray();
      double p = pValue(c.kind(), reference, f.perRound(), true);
      FigureComparison.Confirmed record = new FigureComparison.Confirmed(f.rounds(), f.value(), w2, p, bound);
      // and the fresh rounds' own interval lies wholly on the worse side of the reference: fresh
      // rounds too noisy to tell a change of this size from the machine cannot confirm it
      boolean wholly = f.hasInterval()
          && (c.kind().higherIsBetter() ? f.high() < fb.value() : f.low() > fb.value());
      Outcome verdict;
      if (w2 > c.threshold() && p < bound && wholly) {
        verdict = Outcome.REGRESSED;
      } else if (!(w2 > c.threshold())) {
        verdict = Outcome.CLEARED;
      } else {
        verdict = Outcome.INCONCLUSIVE;
      }
      out.add(c.confirmed(verdict, record));
    }
    return out;
  }

  /**
   * The one-sided Mann-Whitney p-value that the run's per-round values are worse than the
   * baseline's ({@code worse}) or better; NaN with fewer than two values a side.
   */
  static double pValue(FigureKind kind, double[] baseline, double[] run, boolean worse) {
    if (baseline.length < 2 || run.length < 2) {
      return Double.NaN;
    }
    // worse for a higher-is-better figure: the run's values lie below the baseline's
    boolean runBelow = kind.higherIsBetter() == worse;
    AlternativeHypothesis h = runBelow ? AlternativeHypothesis.LESS_THAN : AlternativeHypothesis.GREATER_THAN;
    return MannWhitneyUTest.withDefaults().with(h).test(run, baseline).getPValue();
  }

  /**
   * The 95% interval of the worsening from the two bootstrap distributions, replicate b of the
   * baseline against replicate b of the run; NaN when either has none.
   */
  static double[] worseningInterval(FigureKind kind, Figure b, Figure c) {
    double[] rb = b.estimate().replicates();
    double[] rc = c.estimate().replicates();
    int n = Math.min(rb.length, rc.length);
    if (n < 100) {
      return new double[] {Double.NaN, Double.NaN};
    }
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      w[i] = kind.worsening(rb[i], rc[i]);
    }
    java.util.Arrays.sort(w);
    return new double[] {
      io.poollab.report.RobustStats.quantile(w, 0.025), io.poollab.report.RobustStats.quantile(w, 0.975)
    };
  }

  /**
   * Checks the run's figures against absolute floors (never a figure on member processes: {@link
   * Floors#appliesTo(String)}).
   *
   * @param current the run's figures
   * @param floors the floors, e.g. {@link Floors#DEFAULTS}
   * @return one result per floor, in the floors' order
   */
  public static List<FloorResult> floors(List<Figure> current, List<Floor> floors) {
    List<FloorResult> out = new ArrayList<>(floors.size());
    for (Floor floor : floors) {
      Pattern pattern = floor.pattern();
      List<Figure> matching =
          current.stream()
              .filter(f -> f.kind() == floor.kind() && Floors.appliesTo(f.key())
                  && pattern.matcher(f.key()).matches())
              .toList();
      if (matching.isEmpty()) {
        out.add(new FloorResult(floor, null, Double.NaN, 0, Outcome.NOT_MEASURED));
        continue;
      }
      Comparator<Figure> better =
          floor.kind().higherIsBetter()
              ? Comparator.comparingDouble(Figure::value)
              : Comparator.comparingDouble(Figure::value).reversed();
      Figure deciding =
          floor.best()
              ? matching.stream().max(better).orElseThrow()
              : matching.stream().min(better).orElseThrow();
      out.add(
          new FloorResult(
              floor,
              deciding.key(),
              deciding.value(),
              matching.size(),
              floor.isMetBy(deciding.value()) ? Outcome.FLOOR_MET : Outcome.FLOOR_MISSED));
    }
    return out;
  }

  private static Map<String, Figure> index(List<Figure> figures, String side) {
    Map<String, Figure> map = new LinkedHashMap<>();
    for (Figure f : figures) {
      if (map.put(f.key(), f) != null) {
        throw new IllegalArgumentException("the " + side + " holds figure " + f.key() + " twice");
      }
    }
    return map;
  }
}
