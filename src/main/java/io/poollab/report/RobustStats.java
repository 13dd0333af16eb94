package io.poollab.report;

import java.util.Arrays;
import org.apache.commons.statistics.descriptive.Median;
import org.apache.commons.statistics.descriptive.Quantile;

/**
 * Robust summaries of small samples: a benchmark fork's 4-10 measured iterations, or the 3-12
 * per-round ratios of a run. Medians and quartiles rather than means and standard deviations,
 * because one disturbed iteration (a GC, a JIT recompilation, a noisy neighbour) must not move
 * the summary.
 *
 * <ul>
 *   <li>Quantiles are Hyndman-Fan type 7 (linear interpolation between order statistics), R's
 *       and NumPy's default, so figures can be checked against either.</li>
 *   <li>The MAD is raw; {@code 1.4826 * mad} estimates the standard deviation of a normal
 *       sample, which is how {@link #relativeSpread} and {@link #slowStart} use it.</li>
 *   <li>Every method reads its input without modifying it; an empty sample gives NaN (or no
 *       outliers), a NaN or infinite value is an error naming its index.</li>
 * </ul>
 *
 * <pre>{@code
 * double[] ms = {10.0, 10.2, 9.9, 10.1, 10.0, 10.3, 9.8, 30.0};
 * RobustStats.median(ms);                 // 10.05
 * RobustStats.outliers(ms).highSevere();  // 1: the 30.0
 * RobustStats.relativeSpread(ms);         // ~0.0221, a robust coefficient of variation
 * }</pre>
 */
public final class RobustStats {

  /** {@code 1.4826 * MAD} estimates sigma for a normal sample (1 / Phi^-1(3/4)). */
  private static final double MAD_TO_SIGMA = 1.4826;

  /** Tukey's inner fence distance, in interquartile ranges. */
  private static final double MILD_FENCE = 1.5;

  /** Tukey's outer fence distance, in interquartile ranges. */
  private static final double SEVERE_FENCE = 3.0;

  /** The least relative excess of a first iteration that counts as a slow start. */
  private static final double SLOW_START_MIN_EXCESS = 0.05;

  /** How many robust sigmas of the rest a first iteration must exceed to count as slow. */
  private static final double SLOW_START_SIGMAS = 3.0;

  // Commons' defaults partially sort the input in place (copy = false in 1.1); copying keeps
  // the callers' arrays, often a fork's iterations in execution order, as they were.
  private static final Quantile TYPE_7 =
      Quantile.withDefaults().with(Quantile.EstimationMethod.HF7).withCopy(true);
  private static final Median MEDIAN = Median.withDefaults().withCopy(true);

  private RobustStats() {}

  /**
   * How many values of a sample fall outside Tukey's fences, by side and severity (the classes
   * criterion.rs reports).
   *
   * <pre>{@code
   * Outliers o = RobustStats.outliers(ms);
   * if (o.any()) {
   *   System.out.printf("%d of %d iterations are outliers%n", o.count(), o.total());
   * }
   * }</pre>
   *
   * @param lowSevere values below {@code Q1 - 3 IQR}
   * @param lowMild values below {@code Q1 - 1.5 IQR} but not below {@code Q1 - 3 IQR}
   * @param highMild values above {@code Q3 + 1.5 IQR} but not above {@code Q3 + 3 IQR}
   * @param highSevere values above {@code Q3 + 3 IQR}
   * @param total the sample size, outliers included
   */
  public record Outliers(int lowSevere, int lowMild, int highMild, int highSevere, int total) {

    /** Checks that the counts are non-negative and fit in the sample. */
    public Outliers {
      if (lowSevere < 0 || lowMild < 0 || highMild < 0 || highSevere < 0) {
        throw new IllegalArgumentException(
            "outlier counts must be >= 0, got " + lowSevere + ", " + lowMild + ", " + highMild
                + ", " + highSevere);
      }
      if (total < lowSevere + lowMild + highMild + highSevere) {
        throw new IllegalArgumentException(
            "total must be >= the outlier count "
                + (lowSevere + lowMild + highMild + highSevere) + ", got " + total);
      }
    }

    /**
     * All outliers, mild and severe, on both sides.
     *
     * @return the sum of the four classes
     */
    public int count() {
      return lowSevere + lowMild + highMild + highSevere;
    }

    /**
     * Whether any value is outside the inner fences.
     *
     * @return {@code count() > 0}
     */
    public boolean any() {
      return count() > 0;
    }
  }

  /**
   * Samples a percentile needs on its far side before it says more than the extreme sample: with
   * fewer, a p99 is about the largest value, whatever was measured.
   */
  public static final int MIN_SAMPLES_BEYOND = 10;

  /**
   * How many samples a percentile needs for {@link #MIN_SAMPLES_BEYOND} of them to lie on its far
   * side: p50 20, p90 100, p99 1,000.
   *
   * <pre>{@code
   * boolean showP99 = histogram.getTotalCount() >= RobustStats.samplesNeeded(99);
   * }</pre>
   *
   * @param pct the percentile, between 0 and 100 (exclusive)
   * @return the samples needed
   */
  public static long samplesNeeded(double pct) {
    double side = Math.min(pct, 100.0 - pct) / 100.0;
    return (long) Math.ceil(MIN_SAMPLES_BEYOND / side - 1e-9);
  }

  /**
   * The median: the middle value, or the mean of the two middle values.
   *
   * <pre>{@code
   * RobustStats.median(new double[] {3, 1, 2});     // 2.0
   * RobustStats.median(new double[] {4, 1, 3, 2});  // 2.5
   * }</pre>
   *
   * @param xs the sample, not modified
   * @return the median, NaN when {@code xs} is empty
   * @throws IllegalArgumentException when {@code xs} is null or holds a NaN or infinite value
   */
  public static double median(double[] xs) {
    checkFinite(xs, "xs");
    return xs.length == 0 ? Double.NaN : MEDIAN.evaluate(xs);
  }

  /**
   * The {@code p}-quantile by Hyndman-Fan type 7: with the sample sorted and {@code h = (n - 1)
   * p}, the value at index {@code floor(h)} plus the fraction {@code h - floor(h)} of the step to
   * the next one. It matches R's {@code quantile(xs, p)} and NumPy's default.
   *
   * <pre>{@code
   * double[] xs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
   * RobustStats.quantile(xs, 0.25);  // 3.25
   * RobustStats.quantile(xs, 0.75);  // 7.75
   * }</pre>
   *
   * @param xs the sample, not modified
   * @param p the probability, in [0, 1]
   * @return the quantile, NaN when {@code xs} is empty
   * @throws IllegalArgumentException when {@code p} is outside [0, 1], or {@code xs} is null or
   *     holds a NaN or infinite value
   */
  public static double quantile(double[] xs, double p) {
    if (!(p >= 0.0 && p <= 1.0)) {
      throw new IllegalArgumentException("p must be in [0, 1], got " + p);
    }
    checkFinite(xs, "xs");
    return xs.length == 0 ? Double.NaN : TYPE_7.evaluate(xs, p);
  }

  /**
   * The median absolute deviation from the median, raw: not scaled by 1.4826.
   *
   * <pre>{@code
   * RobustStats.mad(new double[] {1, 2, 3, 4, 100});  // 1.0: the 100 does not count
   * }</pre>
   *
   * @param xs the sample, not modified
   * @return {@code median(|x - median(xs)|)}, NaN when {@code xs} is empty
   * @throws IllegalArgumentException when {@code xs} is null or holds a NaN or infinite value
   */
  public static double mad(double[] xs) {
    checkFinite(xs, "xs");
    return xs.length == 0 ? Double.NaN : rawMad(xs, MEDIAN.evaluate(xs));
  }

  /**
   * Counts the values outside Tukey's fences, built from the type-7 quartiles: mild outliers lie
   * outside {@code [Q1 - 1.5 IQR, Q3 + 1.5 IQR]} but inside {@code [Q1 - 3 IQR, Q3 + 3 IQR]},
   * severe ones outside the latter. With fewer than 4 values there are no outliers: quartiles of
   * 3 values say nothing about the tails.
   *
   * <pre>{@code
   * RobustStats.outliers(new double[] {10, 10.2, 9.9, 10.1, 10, 10.3, 9.8, 30});
   * // Outliers[lowSevere=0, lowMild=0, highMild=0, highSevere=1, total=8]
   * }</pre>
   *
   * @param xs the sample, not modified
   * @return the counts per class, with {@code total = xs.length}
   * @throws IllegalArgumentException when {@code xs} is null or holds a NaN or infinite value
   */
  public static Outliers outliers(double[] xs) {
    checkFinite(xs, "xs");
    if (xs.length < 4) {
      return new Outliers(0, 0, 0, 0, xs.length);
    }
    double[] mild = fences(xs, MILD_FENCE);
    double[] severe = fences(xs, SEVERE_FENCE);
    double lowSevereFence = severe[0];
    double lowMildFence = mild[0];
    double highMildFence = mild[1];
    double highSevereFence = severe[1];
    int lowSevere = 0;
    int lowMild = 0;
    int highMild = 0;
    int highSevere = 0;
    for (double x : xs) {
      if (x < lowSevereFence) {
        lowSevere++;
      } else if (x < lowMildFence) {
        lowMild++;
      } else if (x > highSevereFence) {
        highSevere++;
      } else if (x > highMildFence) {
        highMild++;
      }
    }
    return new Outliers(lowSevere, lowMild, highMild, highSevere, xs.length);
  }

  /**
   * Tukey's mild fences, {@code [Q1 - 1.5 IQR, Q3 + 1.5 IQR]} from the type-7 quartiles: a value
   * outside them is one {@link #outliers} counts. With fewer than 4 values there are none, and the
   * fences are infinite.
   *
   * <pre>{@code
   * RobustStats.mildFences(new double[] {10, 10.2, 9.9, 10.1, 10, 10.3, 9.8, 30});  // {9.6, 10.6}: the 30 lies outside
   * }</pre>
   *
   * @param xs the sample, not modified
   * @return {@code {low, high}}
   * @throws IllegalArgumentException when {@code xs} is null or holds a NaN or infinite value
   */
  public static double[] mildFences(double[] xs) {
    checkFinite(xs, "xs");
    return xs.length < 4
        ? new double[] {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY}
        : fences(xs, MILD_FENCE);
  }

  private static double[] fences(double[] xs, double iqrs) {
    double[] quartiles = TYPE_7.evaluate(xs, 0.25, 0.75);
    double iqr = quartiles[1] - quartiles[0];
    return new double[] {quartiles[0] - iqrs * iqr, quartiles[1] + iqrs * iqr};
  }

  /**
   * Whether one fork's measured iterations show the "not warmed up" pattern: the first is
   * clearly slower than the rest. Clearly means above the rest's median by more than 5% of it
   * and by more than 3 robust sigmas ({@code 3 * 1.4826 * mad(rest)}), so a noisy fork needs a
   * bigger first value to be flagged:
   * <pre>
   *   first > median(rest) * (1 + max(0.05, 3 * 1.4826 * mad(rest) / median(rest)))
   * </pre>
   * where {@code rest = iterations[1..]}. With fewer than 4 iterations the rest is too small to
   * judge, and the answer is false.
   *
   * <pre>{@code
   * RobustStats.slowStart(new double[] {14, 10, 10.1, 9.9, 10});    // true
   * RobustStats.slowStart(new double[] {10.3, 10, 10.1, 9.9, 10});  // false: within 5%
   * }</pre>
   *
   * @param iterations one fork's measured iterations in execution order, in time per operation
   *     (bigger is slower), not modified
   * @return true when the first iteration is clearly slower than the rest
   * @throws IllegalArgumentException when {@code iterations} is null or holds a NaN or infinite
   *     value
   */
  public static boolean slowStart(double[] iterations) {
    checkFinite(iterations, "iterations");
    if (iterations.length < 4) {
      return false;
    }
    double[] rest = Arrays.copyOfRange(iterations, 1, iterations.length);
    double median = MEDIAN.evaluate(rest);
    double sigmas = SLOW_START_SIGMAS * MAD_TO_SIGMA * rawMad(rest, median);
    // The formula above multiplied out, so a zero median needs no division; the same for the
    // positive medians of time-per-operation data.
    double tolerance = Math.max(SLOW_START_MIN_EXCESS * Math.abs(median), sigmas);
    return iterations[0] > median + tolerance;
  }

  /**
   * A robust coefficient of variation: {@code 1.4826 * mad / |median|}. For a normal sample it
   * estimates {@code sigma / |mean|}, but one wild value barely moves it.
   *
   * <pre>{@code
   * RobustStats.relativeSpread(new double[] {9, 10, 11});  // 0.14826
   * }</pre>
   *
   * @param xs the sample, not modified
   * @return the relative spread, NaN when {@code xs} is empty or its median is zero
   * @throws IllegalArgumentException when {@code xs} is null or holds a NaN or infinite value
   */
  public static double relativeSpread(double[] xs) {
    checkFinite(xs, "xs");
    if (xs.length == 0) {
      return Double.NaN;
    }
    double median = MEDIAN.evaluate(xs);
    return median == 0.0 ? Double.NaN : MAD_TO_SIGMA * rawMad(xs, median) / Math.abs(median);
  }

  private static double rawMad(double[] xs, double median) {
    double[] deviations = new double[xs.length];
    for (int i = 0; i < xs.length; i++) {
      deviations[i] = Math.abs(xs[i] - median);
    }
    return MEDIAN.evaluate(deviations);
  }

  private static void checkFinite(double[] xs, String name) {
    if (xs == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
    for (int i = 0; i < xs.length; i++) {
      if (!Double.isFinite(xs[i])) {
        throw new IllegalArgumentException(
            name + "[" + i + "] is " + xs[i] + "; samples must be finite");
      }
    }
  }
}
