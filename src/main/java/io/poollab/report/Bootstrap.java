package io.poollab.report;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.apache.commons.statistics.descriptive.Quantile;

/**
 * A seeded two-level percentile bootstrap for "a median over rounds", the lab's measurement
 * model.
 *
 * <h2>The model</h2>
 * A run is R rounds. In each round a parallel benchmark fork and a serial fork of the same
 * workload ran side by side, each with a few measured iterations (ms/op). A speed-up's value in
 * a round is {@code median(serial) / median(parallel)} (a {@link Ratio}); the estimate is the
 * median of the R per-round values. Rounds are the independent units (each has its own JVMs,
 * JIT decisions, heap layout and machine state), iterations within a round are not, so the
 * interval resamples at both levels (Kalibera &amp; Jones 2013, "Rigorous benchmarking in
 * reasonable time"; Ren et al. 2010, "Nonparametric bootstrapping for hierarchical data"):
 *
 * <ol>
 *   <li>draw R rounds uniformly with replacement;</li>
 *   <li>for each drawn round, resample its iterations with replacement and recompute its value
 *       ({@link Round#resample});</li>
 *   <li>the replicate is the median of those R values.</li>
 * </ol>
 *
 * A paired fork, which timed the serial job beside each of its own iterations, is one round
 * whose value is the median of its per-iteration ratios ({@link Paired}); its resample draws
 * whole pairs.
 *
 * <p>The interval is the percentile interval: the type-7 quantiles of the replicates at
 * {@code (1 - level) / 2} and {@code 1 - (1 - level) / 2}. Resampling the iterations as well as
 * the rounds counts their noise twice over, so the interval errs wide rather than narrow (Ren et
 * al.), which is the safe side for a report that claims a speed-up.
 *
 * <h2>Determinism</h2>
 * All draws come from {@link SplittableRandom}s seeded by the caller, so the same rounds, seed,
 * replicate count and level give a bit-identical {@link Estimate}. Use {@link #seedOf} to derive
 * the seed from the figure's name, so a report rebuilt from the same data shows the same
 * interval. The rounds to draw and the iterations within them come from two separate streams of
 * that seed: two estimates with the same seed and the same number of rounds draw the same rounds
 * in each replicate, which is what makes comparing their {@link Estimate#replicates()} index by
 * index a paired comparison.
 *
 * <pre>{@code
 * List<Bootstrap.Round> rounds = List.of(
 *     new Bootstrap.Ratio(new double[] {20.1, 20.3, 19.9}, new double[] {5.2, 5.1, 5.3}),
 *     new Bootstrap.Ratio(new double[] {20.4, 20.0, 20.2}, new double[] {5.0, 5.1, 5.2}),
 *     new Bootstrap.Ratio(new double[] {19.8, 20.1, 20.0}, new double[] {5.4, 5.2, 5.3}));
 * Bootstrap.Estimate s = Bootstrap.medianOverRounds(rounds, Bootstrap.seedOf("speedup:words"));
 * System.out.printf("%.2fx [%.2f, %.2f]%n", s.value(), s.low(), s.high());
 * }</pre>
 */
public final class Bootstrap {

  /** The number of bootstrap replicates when none is given. */
  public static final int DEFAULT_REPLICATES = 2000;

  /** The interval's confidence level when none is given. */
  public static final double DEFAULT_LEVEL = 0.95;

  /** Fewer replicates would make the tail quantiles of a 95% interval rest on a handful. */
  private static final int MIN_REPLICATES = 100;

  /** Up to this length a median sorts by insertion, which beats Arrays.sort on tiny arrays. */
  private static final int INSERTION_SORT_MAX = 64;

  private static final long FNV_OFFSET_BASIS = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  // Copying, since Commons' default partially sorts in place and the replicates stay in draw order.
  private static final Quantile TYPE_7 =
      Quantile.withDefaults().with(Quantile.EstimationMethod.HF7).withCopy(true);

  private Bootstrap() {}

  /**
   * One round's contribution to an estimate.
   *
   * <pre>{@code
   * Bootstrap.Round r = new Bootstrap.Ratio(new double[] {20, 21}, new double[] {5, 5});
   * r.value();                                   // 4.1
   * r.resample(new SplittableRandom(1));         // 4.0, 4.1 or 4.2
   * }</pre>
   */
  public sealed interface Round permits Ratio, Paired, Point {

    /**
     * The round's value from its own data.
     *
     * @return the value
     */
    double value();

    /**
     * The round's value from its data resampled with replacement.
     *
     * @param random the source of the draws, advanced by this call
     * @return the resampled value
     */
    double resample(SplittableRandom random);
  }

  /**
   * A round of a paired speed-up: {@code value = median(numerator) / median(denominator)}. For
   * times per operation the numerator is the serial fork's iterations and the denominator the
   * parallel one's.
   *
   * <pre>{@code
   * new Bootstrap.Ratio(new double[] {20.1, 20.3, 19.9}, new double[] {5.2, 5.1, 5.3}).value();
   * // 20.1 / 5.2
   * }</pre>
   *
   * @param numerator the numerator fork's measured iterations: non-empty, finite and positive
   * @param denominator the denominator fork's measured iterations: non-empty, finite and positive
   */
  public record Ratio(double[] numerator, double[] denominator) implements Round {

    /**
     * Checks and copies the iterations.
     *
     * @throws NullPointerException when an array is null
     * @throws IllegalArgumentException when an array is empty or holds a value that is not
     *     finite and positive
     */
    public Ratio {
      numerator = checkedCopy(numerator, "numerator");
      denominator = checkedCopy(denominator, "denominator");
    }

    /**
     * The numerator's iterations.
     *
     * @return a copy
     */
    @Override
    public double[] numerator() {
      return numerator.clone();
    }

    /**
     * The denominator's iterations.
     *
     * @return a copy
     */
    @Override
    public double[] denominator() {
      return denominator.clone();
    }

    /**
     * The ratio of the medians.
     *
     * @return {@code median(numerator) / median(denominator)}
     */
    @Override
    public double value() {
      return medianInPlace(numerator.clone(), numerator.length)
          / medianInPlace(denominator.clone(), denominator.length);
    }

    /**
     * The ratio of the medians of {@code numerator.length} values drawn from the numerator with
     * replacement and {@code denominator.length} from the denominator.
     *
     * @param random the source of the draws, advanced by this call
     * @return the resampled ratio
     */
    @Override
    public double resample(SplittableRandom random) {
      return resampleRatio(
          this, random, new double[Math.max(numerator.length, denominator.length)]);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Ratio r
          && Arrays.equals(numerator, r.numerator)
          && Arrays.equals(denominator, r.denominator);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(numerator) + Arrays.hashCode(denominator);
    }

    @Override
    public String toString() {
      return "Ratio[numerator=" + Arrays.toString(numerator)
          + ", denominator=" + Arrays.toString(denominator) + "]";
    }

    static double[] checkedCopy(double[] xs, String name) {
      Objects.requireNonNull(xs, name);
      if (xs.length == 0) {
        throw new IllegalArgumentException(name + " must not be empty");
      }
      double[] copy = xs.clone();
      for (int i = 0; i < copy.length; i++) {
        // Checked on the copy, so a caller changing the array meanwhile cannot slip a bad value in.
        if (!(Double.isFinite(copy[i]) && copy[i] > 0.0)) {
          throw new IllegalArgumentException(
              name + "[" + i + "] must be finite and > 0, got " + copy[i]);
        }
      }
      return copy;
    }
  }

  /**
   * A round of a paired fork: iteration {@code i} timed the parallel job ({@code denominator[i]})
   * and, beside it in the same fork, the serial job ({@code numerator[i]}), so each index is one
   * moment of the machine. {@code value = median over i of numerator[i] / denominator[i]}; a
   * resample draws indices with replacement, keeping each pair together, which is what lets the
   * pairing cancel the machine's drift instead of adding both sides' noise.
   *
   * <pre>{@code
   * new Bootstrap.Paired(new double[] {40, 60, 42}, new double[] {20, 31, 21}).value();
   * // median(2.0, 1.94, 2.0) = 2.0
   * }</pre>
   *
   * @param numerator per iteration, finite and positive (the serial times)
   * @param denominator per iteration, as many, finite and positive (the parallel times)
   */
  public record Paired(double[] numerator, double[] denominator) implements Round {

    /**
     * Checks and copies the iterations.
     *
     * @throws NullPointerException when an array is null
     * @throws IllegalArgumentException when an array is empty, the lengths differ, or a value is
     *     not finite and positive
     */
    public Paired {
      numerator = Ratio.checkedCopy(numerator, "numerator");
      denominator = Ratio.checkedCopy(denominator, "denominator");
      if (numerator.length != denominator.length) {
        throw new IllegalArgumentException("a paired round needs as many numerators as denominators, got "
            + numerator.length + " and " + denominator.length);
      }
    }

    /**
     * The numerator's iterations.
     *
     * @return a copy
     */
    @Override
    public double[] numerator() {
      return numerator.clone();
    }

    /**
     * The denominator's iterations.
     *
     * @return a copy
     */
    @Override
    public double[] denominator() {
      return denominator.clone();
    }

    /**
     * The median of the per-iteration ratios.
     *
     * @return {@code median(numerator[i] / denominator[i])}
     */
    @Override
    public double value() {
      double[] ratios = new double[numerator.length];
      for (int i = 0; i < ratios.length; i++) {
        ratios[i] = numerator[i] / denominator[i];
      }
      return medianInPlace(ratios, ratios.length);
    }

    /**
     * The median of {@code n} per-iteration ratios drawn with replacement.
     *
     * @param random the source of the draws, advanced by this call
     * @return the resampled value
     */
    @Override
    public double resample(SplittableRandom random) {
      return resamplePaired(this, random, new double[numerator.length]);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Paired r
          && Arrays.equals(numerator, r.numerator)
          && Arrays.equals(denominator, r.denominator);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(numerator) + Arrays.hashCode(denominator) + 1;
    }

    @Override
    public String toString() {
      return "Paired[numerator=" + Arrays.toString(numerator)
          + ", denominator=" + Arrays.toString(denominator) + "]";
    }
  }

  /**
   * A round contributing one fixed value, such as a latency percentile read from the round's
   * histogram: resampling returns it unchanged, so only the draw of rounds varies it.
   *
   * <pre>{@code
   * new Bootstrap.Point(1.25).resample(new SplittableRandom(1));  // 1.25
   * }</pre>
   *
   * @param value the round's value, finite
   */
  public record Point(double value) implements Round {

    /**
     * Checks the value.
     *
     * @throws IllegalArgumentException when {@code value} is NaN or infinite
     */
    public Point {
      if (!Double.isFinite(value)) {
        throw new IllegalArgumentException("value must be finite, got " + value);
      }
    }

    /**
     * The value itself.
     *
     * @param random not used
     * @return {@link #value()}
     */
    @Override
    public double resample(SplittableRandom random) {
      return value;
    }
  }

  /**
   * A median over rounds with its bootstrap percentile interval. The replicates are kept, in
   * draw order, so two estimates can be compared replicate by replicate.
   *
   * <pre>{@code
   * Bootstrap.Estimate s = Bootstrap.medianOverRounds(rounds, 42L);
   * if (s.relativeHalfWidth() > 0.05) {
   *   System.out.println("too noisy: " + s.low() + " .. " + s.high());
   * }
   * }</pre>
   *
   * @param value the median of the rounds' own values
   * @param low the interval's lower end
   * @param high the interval's upper end
   * @param level the interval's confidence level, in (0, 1)
   * @param perRound the rounds' own values, in the order given
   * @param replicates the bootstrap replicates, in draw order
   */
  public record Estimate(
      double value, double low, double high, double level, double[] perRound, double[] replicates) {

    /**
     * Copies the arrays.
     *
     * @throws NullPointerException when an array is null
     */
    public Estimate {
      perRound = Objects.requireNonNull(perRound, "perRound").clone();
      replicates = Objects.requireNonNull(replicates, "replicates").clone();
    }

    /**
     * The rounds' own values.
     *
     * @return a copy, in the order the rounds were given
     */
    @Override
    public double[] perRound() {
      return perRound.clone();
    }

    /**
     * The bootstrap replicates.
     *
     * @return a copy, in draw order
     */
    @Override
    public double[] replicates() {
      return replicates.clone();
    }

    /**
     * The number of rounds the estimate is over.
     *
     * @return {@code perRound().length}
     */
    public int rounds() {
      return perRound.length;
    }

    /**
     * Half the interval's width.
     *
     * @return {@code (high - low) / 2}
     */
    public double halfWidth() {
      return (high - low) / 2;
    }

    /**
     * Half the interval's width relative to the value, the "± x%" of a figure.
     *
     * @return {@code halfWidth() / |value|}, NaN when {@code value} is zero
     */
    public double relativeHalfWidth() {
      return value == 0.0 ? Double.NaN : halfWidth() / Math.abs(value);
    }

    /**
     * Whether {@code x} lies in the interval, ends included.
     *
     * @param x the value to test
     * @return {@code low <= x && x <= high}
     */
    public boolean contains(double x) {
      return low <= x && x <= high;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Estimate e
          && Double.compare(value, e.value) == 0
          && Double.compare(low, e.low) == 0
          && Double.compare(high, e.high) == 0
          && Double.compare(level, e.level) == 0
          && Arrays.equals(perRound, e.perRound)
          && Arrays.equals(replicates, e.replicates);
    }

    @Override
    public int hashCode() {
      return Objects.hash(
          value, low, high, level, Arrays.hashCode(perRound), Arrays.hashCode(replicates));
    }

    /** Shows the per-round values but only the number of replicates, which run to thousands. */
    @Override
    public String toString() {
      return "Estimate[value=" + value + ", low=" + low + ", high=" + high + ", level=" + level
          + ", perRound=" + Arrays.toString(perRound)
          + ", replicates=" + replicates.length + " values]";
    }
  }

  /**
   * The median over rounds with a percentile interval at {@code level} from {@code replicates}
   * two-level bootstrap draws (see the class comment). With a single round the interval comes
   * from resampling its iterations alone, or is {@code [value, value]} for a {@link Point}.
   *
   * <pre>{@code
   * Bootstrap.Estimate s = Bootstrap.medianOverRounds(rounds, 10_000, 0.99, 42L);
   * }</pre>
   *
   * @param rounds the rounds, at least one
   * @param replicates the number of bootstrap replicates, at least 100
   * @param level the confidence level, in (0, 1)
   * @param seed the seed of all draws
   * @return the estimate, the same for the same arguments
   * @throws NullPointerException when {@code rounds} or one of them is null
   * @throws IllegalArgumentException when {@code rounds} is empty, {@code replicates} is below
   *     100 or {@code level} is outside (0, 1)
   */
  public static Estimate medianOverRounds(
      List<? extends Round> rounds, int replicates, double level, long seed) {
    Objects.requireNonNull(rounds, "rounds");
    if (rounds.isEmpty()) {
      throw new IllegalArgumentException("rounds must not be empty");
    }
    if (replicates < MIN_REPLICATES) {
      throw new IllegalArgumentException(
          "replicates must be >= " + MIN_REPLICATES + ", got " + replicates);
    }
    if (!(level > 0.0 && level < 1.0)) {
      throw new IllegalArgumentException("level must be in (0, 1), got " + level);
    }
    Round[] drawable = rounds.toArray(new Round[0]);
    int count = drawable.length;
    double[] perRound = new double[count];
    int longest = 1;
    for (int i = 0; i < count; i++) {
      Round round = drawable[i];
      if (round == null) {
        throw new NullPointerException("rounds[" + i + "] is null");
      }
      perRound[i] = round.value();
      if (round instanceof Ratio r) {
        longest = Math.max(longest, Math.max(r.numerator.length, r.denominator.length));
      } else if (round instanceof Paired r) {
        longest = Math.max(longest, r.numerator.length);
      }
    }
    double value = medianInPlace(perRound.clone(), count);

    SplittableRandom roundDraws = new SplittableRandom(seed);
    SplittableRandom iterationDraws = roundDraws.split();
    double[] drawn = new double[count];
    double[] scratch = new double[longest];
    double[] out = new double[replicates];
    for (int b = 0; b < replicates; b++) {
      for (int i = 0; i < count; i++) {
        Round round = drawable[roundDraws.nextInt(count)];
        // Switching on the sealed type lets a Ratio reuse the scratch array instead of allocating.
        drawn[i] =
            switch (round) {
              case Ratio r -> resampleRatio(r, iterationDraws, scratch);
              case Paired r -> resamplePaired(r, iterationDraws, scratch);
              case Point p -> p.value();
            };
      }
      out[b] = medianInPlace(drawn, count);
    }
    double tail = (1.0 - level) / 2.0;
    double[] ends = TYPE_7.evaluate(out, tail, 1.0 - tail);
    return new Estimate(value, ends[0], ends[1], level, perRound, out);
  }

  /**
   * The median over rounds with a 95% interval from 2000 replicates.
   *
   * <pre>{@code
   * Bootstrap.Estimate s = Bootstrap.medianOverRounds(rounds, Bootstrap.seedOf("speedup:words"));
   * }</pre>
   *
   * @param rounds the rounds, at least one
   * @param seed the seed of all draws
   * @return the estimate, the same for the same arguments
   * @throws NullPointerException when {@code rounds} or one of them is null
   * @throws IllegalArgumentException when {@code rounds} is empty
   */
  public static Estimate medianOverRounds(List<? extends Round> rounds, long seed) {
    return medianOverRounds(rounds, DEFAULT_REPLICATES, DEFAULT_LEVEL, seed);
  }

  /**
   * A seed derived from a text key, such as the figure's name, so the same data always gives
   * the same interval. It is the 64-bit FNV-1a hash of the key's UTF-8 bytes: fixed by its
   * definition, unlike {@link String#hashCode()}'s 32 bits, which collide easily.
   *
   * <pre>{@code
   * long seed = Bootstrap.seedOf("speedup:words:POOL_MAP:w=4");
   * }</pre>
   *
   * @param key the key
   * @return the FNV-1a 64 hash of {@code key}'s UTF-8 bytes
   * @throws NullPointerException when {@code key} is null
   */
  public static long seedOf(String key) {
    long hash = FNV_OFFSET_BASIS;
    for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
      hash ^= b & 0xff;
      hash *= FNV_PRIME;
    }
    return hash;
  }

  private static double resampleRatio(Ratio r, SplittableRandom random, double[] scratch) {
    double numerator = resampledMedian(r.numerator, random, scratch);
    return numerator / resampledMedian(r.denominator, random, scratch);
  }

  private static double resamplePaired(Paired r, SplittableRandom random, double[] scratch) {
    int n = r.numerator.length;
    for (int i = 0; i < n; i++) {
      int k = random.nextInt(n);
      scratch[i] = r.numerator[k] / r.denominator[k];
    }
    return medianInPlace(scratch, n);
  }

  private static double resampledMedian(double[] xs, SplittableRandom random, double[] scratch) {
    int n = xs.length;
    for (int i = 0; i < n; i++) {
      scratch[i] = xs[random.nextInt(n)];
    }
    return medianInPlace(scratch, n);
  }

  /** The median of {@code a[0..n)}, n > 0, reordering those elements. */
  private static double medianInPlace(double[] a, int n) {
    if (n <= INSERTION_SORT_MAX) {
      for (int i = 1; i < n; i++) {
        double x = a[i];
        int j = i - 1;
        while (j >= 0 && a[j] > x) {
          a[j + 1] = a[j];
          j--;
        }
        a[j + 1] = x;
      }
    } else {
      Arrays.sort(a, 0, n);
    }
    int mid = n / 2;
    // Halving before adding cannot overflow, unlike (a + b) / 2.
    return (n & 1) == 1 ? a[mid] : 0.5 * a[mid - 1] + 0.5 * a[mid];
  }
}
