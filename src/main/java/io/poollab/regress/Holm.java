package io.poollab.regress;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Holm's step-down correction of p-values for many tests at once, so that {@code alpha} bounds
 * the chance of <em>any</em> false alarm among them (the family-wise error rate), not of each.
 *
 * <p>With m p-values sorted ascending, the k-th smallest (k from 1) becomes
 * {@code min(1, max over j <= k of (m - j + 1) p(j))}: the smallest is multiplied by m, the
 * next by m - 1, and so on, never falling below an earlier one. It is uniformly more powerful
 * than Bonferroni's {@code m p} and needs no assumption about how the tests depend on one
 * another (a check's figures do: the speed-ups of one workload share its serial forks).
 *
 * <pre>{@code
 * Holm.adjust(new double[] {0.01, 0.04, 0.03});   // {0.03, 0.06, 0.06}
 * Holm.adjust(new double[] {0.01, Double.NaN});   // {0.01, NaN}: NaN is no test, m = 1
 * }</pre>
 */
public final class Holm {

  private Holm() {}

  /**
   * Adjusts p-values; NaN entries are not tests and stay NaN.
   *
   * @param pValues raw p-values in [0, 1], or NaN
   * @return adjusted p-values, in the same order
   * @throws IllegalArgumentException when a value is outside [0, 1] and not NaN
   */
  public static double[] adjust(double[] pValues) {
    for (int i = 0; i < pValues.length; i++) {
      double p = pValues[i];
      if (!Double.isNaN(p) && !(p >= 0.0 && p <= 1.0)) {
        throw new IllegalArgumentException("p-value " + i + " must be in [0, 1] or NaN, got " + p);
      }
    }
    double[] out = new double[pValues.length];
    Arrays.fill(out, Double.NaN);
    Integer[] tested =
        IntStream.range(0, pValues.length)
            .filter(i -> !Double.isNaN(pValues[i]))
            .boxed()
            .sorted(Comparator.comparingDouble(i -> pValues[i]))
            .toArray(Integer[]::new);
    int m = tested.length;
    double running = 0.0;
    for (int k = 0; k < m; k++) {
      running = Math.max(running, Math.min(1.0, (m - k) * pValues[tested[k]]));
      out[tested[k]] = running;
    }
    return out;
  }
}
