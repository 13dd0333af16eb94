package io.poollab.regress;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The decision: compares the figures of a run with those of a baseline, or checks them against
 * absolute floors.
 *
 * <p>A figure <b>regressed</b> when both hold:
 * <ol>
 *   <li>it got worse by more than its threshold ({@link FigureKind#worsening});</li>
 *   <li>the change is not noise: both confidence intervals are known and do not overlap, or the
 *       Mann-Whitney U test on the two sets of per-iteration samples gives {@code p < alpha}
 *       <em>after</em> Holm's correction over every figure tested ({@link Holm}).</li>
 * </ol>
 * The correction matters: a check of 70 figures at {@code p < 0.05} each would expect three
 * or four false alarms per run of unchanged code; CI, on a machine other than the baseline's,
 * failed exactly so (one loopback measurement, three figures, raw p = 0.012: the smallest p
 * five iterations against five can give). With the correction, alpha bounds the chance of any
 * false alarm in the whole run, and a handful of iterations cannot carry a verdict alone; the
 * confidence intervals still can.
 * An improvement is the mirror image. A change past the threshold without evidence is
 * {@link Outcome#NOISE} and passes. A figure of the baseline missing from the run fails (a
 * configuration that stopped running would otherwise pass silently) unless missing figures are
 * allowed; a figure only in the run is {@link Outcome#NEW} and passes.
 *
 * <pre>{@code
 * List<FigureComparison> cs = RegressionCheck.compare(baselineFigures, runFigures, CheckOptions.DEFAULTS);
 * boolean failed = cs.stream().anyMatch(FigureComparison::fails);
 * }</pre>
 */
public final class RegressionCheck {

  /** The rank test needs at least this many samples a side to be asked at all. */
  static final int MIN_SAMPLES = 3;

  private RegressionCheck() {}

  /**
   * Compares every figure key of either side.
   *
   * @param baseline the baseline's figures (unique keys)
   * @param current the run's figures (unique keys)
   * @param options thresholds and significance
   * @return one comparison per key, sorted by key
   * @throws IllegalArgumentException when a side holds a key twice, or the sides disagree on a kind
   */
  public static List<FigureComparison> compare(
      List<Figure> baseline, List<Figure> current, CheckOptions options) {
    return compare(baseline, List.of(), current, options);
  }

  /**
   * Compares every figure key of either side, for a baseline merged from several runs.
   *
   * <p>The merged figures give the value and the interval (an envelope of the runs'); the rank
   * test is run against each baseline run's own samples and the <em>largest</em> p-value counts
   * (an intersection-union test): a change is evidence only when the run differs from every
   * baseline run, so a run that merely looks like one of them is not flagged.
   *
   * @param baseline the merged baseline's figures (unique keys)
   * @param baselineRuns the figures of each run the baseline was merged from (may be empty)
   * @param current the run's figures (unique keys)
   * @param options thresholds and significance
   * @return one comparison per key, sorted by key
   * @throws IllegalArgumentException when a side holds a key twice, or the sides disagree on a kind
   */
  public static List<FigureComparison> compare(
      List<Figure> baseline, List<List<Figure>> baselineRuns, List<Figure> current,
      CheckOptions options) {
    Map<String, Figure> base = index(baseline, "baseline");
    Map<String, Figure> cur = index(current, "run");
    List<Map<String, Figure>> runs = new ArrayList<>();
    for (List<Figure> r : baselineRuns) {
      runs.add(index(r, "baseline run"));
    }
    TreeSet<String> keys = new TreeSet<>(base.keySet());
    keys.addAll(cur.keySet());
    List<String> ordered = new ArrayList<>(keys);
    double[] raw = new double[ordered.size()];
    for (int i = 0; i < raw.length; i++) {
      String key = ordered.get(i);
      List<double[]> references = new ArrayList<>();
      for (Map<String, Figure> r : runs) {
        Figure f = r.get(key);
        if (f != null && f.samples().length >= MIN_SAMPLES) {
          references.add(f.samples());
        }
      }
      raw[i] = rankTest(base.get(key), references, cur.get(key));
    }
    double[] adjusted = Holm.adjust(raw);
    List<FigureComparison> out = new ArrayList<>(ordered.size());
    for (int i = 0; i < raw.length; i++) {
      String key = ordered.get(i);
      out.add(compareOne(key, base.get(key), cur.get(key), raw[i], adjusted[i], options));
    }
    return out;
  }

  /**
   * The rank test's raw p-value for one figure: against each baseline run's samples, the largest
   * p counts; against the merged samples when the runs are not known; NaN when either side has
   * too few samples or is missing.
   */
  private static double rankTest(Figure b, List<double[]> references, Figure c) {
    if (b == null || c == null || c.samples().length < MIN_SAMPLES) {
      return Double.NaN;
    }
    double p = Double.NaN;
    if (!references.isEmpty()) {
      for (double[] ref : references) {
        double pi = MannWhitney.test(ref, c.samples()).pValue();
        p = Double.isNaN(p) ? pi : Math.max(p, pi);
      }
    } else if (b.samples().length >= MIN_SAMPLES) {
      p = MannWhitney.test(b.samples(), c.samples()).pValue();
    }
    return p;
  }

  private static FigureComparison compareOne(
      String key, Figure b, Figure c, double p, double adjustedP, CheckOptions options) {
    double threshold = options.thresholdFor(key);
    if (b == null) {
      return new FigureComparison(
          key, c.kind(), null, c, threshold, Double.NaN, false, Double.NaN, Double.NaN,
          Outcome.NEW, false);
    }
    if (c == null) {
      return new FigureComparison(
          key, b.kind(), b, null, threshold, Double.NaN, false, Double.NaN, Double.NaN,
          Outcome.MISSING, options.allowMissing());
    }
    if (b.kind() != c.kind()) {
      throw new IllegalArgumentException(
          "figure " + key + " is " + b.kind() + " in the baseline but " + c.kind() + " in the run");
    }
    FigureKind kind = b.kind();
    double worsening = kind.worsening(b.value(), c.value());
    boolean apart =
        b.hasInterval() && c.hasInterval() && (b.ciHigh() < c.ciLow() || c.ciHigh() < b.ciLow());
    boolean significant = apart || adjustedP < options.alpha();
    Outcome outcome;
    if (Double.isNaN(worsening) || Math.abs(worsening) <= threshold) {
      outcome = Outcome.UNCHANGED;
    } else if (!significant) {
      outcome = Outcome.NOISE;
    } else {
      outcome = worsening > 0 ? Outcome.REGRESSED : Outcome.IMPROVED;
    }
    return new FigureComparison(
        key, kind, b, c, threshold, worsening, apart, p, adjustedP, outcome, false);
  }

  /**
   * Checks the run's figures against absolute floors.
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
              .filter(f -> f.kind() == floor.kind() && pattern.matcher(f.key()).matches())
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
