package io.poollab.regress;

import java.util.Arrays;

/**
 * The Mann-Whitney U rank test (Wilcoxon rank-sum): do two independent samples come from the
 * same distribution? Used on JMH's per-iteration raw data, which is rarely normal (warm-up tails,
 * a noisy neighbour), so a rank test is safer than a t-test.
 *
 * <p>Two-sided, by the normal approximation with the tie correction of the variance and a
 * continuity correction of 0.5 (as in most textbooks and in SciPy's {@code
 * mannwhitneyu(method="asymptotic")}):
 *
 * <pre>
 *   U1 = R1 - n1(n1+1)/2          (R1 = sum of the ranks of sample a, ties get mid-ranks)
 *   mu = n1 n2 / 2
 *   sigma^2 = n1 n2 / 12 * ((n+1) - sum(t^3 - t) / (n(n-1)))   (t = size of each tie group)
 *   z = max(0, |U1 - mu| - 0.5) / sigma,   p = 2 (1 - Phi(z))
 * </pre>
 *
 * <pre>{@code
 * MannWhitney.Result r = MannWhitney.test(new double[] {1, 2, 3}, new double[] {4, 5, 6});
 * r.u();       // 0.0: every a below every b
 * r.pValue();  // 0.0809 (normal approximation; three samples a side never reach p < 0.05)
 * }</pre>
 */
public final class MannWhitney {

  private MannWhitney() {}

  /**
   * The outcome of one test.
   *
   * @param u the U statistic of the first sample (number of pairs where a beats b, ties half)
   * @param z the standardised, continuity-corrected distance of U from its mean (non-negative)
   * @param pValue two-sided p-value in [0, 1]
   */
  public record Result(double u, double z, double pValue) {
    /** Validates the ranges. */
    public Result {
      if (!(pValue >= 0.0 && pValue <= 1.0)) {
        throw new IllegalArgumentException("pValue must be in [0, 1], got " + pValue);
      }
    }
  }

  /**
   * Tests whether {@code a} and {@code b} differ in location (two-sided).
   *
   * @param a first sample, at least one finite value
   * @param b second sample, at least one finite value
   * @return U of {@code a}, z and the two-sided p-value (1.0 when every value is tied)
   * @throws IllegalArgumentException when a sample is empty or holds NaN/infinity
   */
  public static Result test(double[] a, double[] b) {
    check("a", a);
    check("b", b);
    int n1 = a.length;
    int n2 = b.length;
    int n = n1 + n2;
    double[] all = new double[n];
    System.arraycopy(a, 0, all, 0, n1);
    System.arraycopy(b, 0, all, n1, n2);
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (x, y) -> Double.compare(all[x], all[y]));

    double rankSumA = 0.0;
    double tieTerm = 0.0;
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && all[order[j + 1]] == all[order[i]]) {
        j++;
      }
      double midRank = (i + j + 2) / 2.0; // ranks are 1-based: i+1 .. j+1
      for (int k = i; k <= j; k++) {
        if (order[k] < n1) {
          rankSumA += midRank;
        }
      }
      double t = j - i + 1;
      tieTerm += t * t * t - t;
      i = j + 1;
    }

    double u1 = rankSumA - n1 * (n1 + 1) / 2.0;
    double mu = n1 * (double) n2 / 2.0;
    double variance =
        n1 * (double) n2 / 12.0 * ((n + 1) - (n > 1 ? tieTerm / (n * (double) (n - 1)) : 0.0));
    if (variance <= 0.0) {
      return new Result(u1, 0.0, 1.0);
    }
    double z = Math.max(0.0, Math.abs(u1 - mu) - 0.5) / Math.sqrt(variance);
    double p = Math.min(1.0, erfc(z / Math.sqrt(2.0)));
    return new Result(u1, z, p);
  }

  /**
   * The smallest p-value {@link #test} can give for samples of these sizes: every value of one
   * sample below every value of the other, no ties. Five against five give 0.0122, so with the
   * correction over dozens of figures such samples can never show a change on their own.
   *
   * @param n1 size of the first sample (0 gives 1.0: no test)
   * @param n2 size of the second sample (0 gives 1.0)
   * @return the p-value of complete separation
   */
  public static double smallestPValue(int n1, int n2) {
    if (n1 <= 0 || n2 <= 0) {
      return 1.0;
    }
    double mu = n1 * (double) n2 / 2.0;
    double sigma = Math.sqrt(n1 * (double) n2 / 12.0 * (n1 + n2 + 1));
    double z = Math.max(0.0, mu - 0.5) / sigma;
    return Math.min(1.0, erfc(z / Math.sqrt(2.0)));
  }

  private static void check(String name, double[] sample) {
    if (sample == null || sample.length == 0) {
      throw new IllegalArgumentException("sample " + name + " must hold at least one value");
    }
    for (double v : sample) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("sample " + name + " holds a non-finite value: " + v);
      }
    }
  }

  /**
   * The complementary error function, by W. J. Cody's rational Chebyshev approximations as
   * tabulated in Numerical Recipes ({@code erfcc}); fractional error below 1.2e-7 everywhere,
   * ample for a p-value compared with 0.05.
   */
  static double erfc(double x) {
    double z = Math.abs(x);
    double t = 1.0 / (1.0 + 0.5 * z);
    double ans =
        t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
            + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
            + t * (-0.82215223 + t * 0.17087277)))))))));
    return x >= 0.0 ? ans : 2.0 - ans;
  }
}
