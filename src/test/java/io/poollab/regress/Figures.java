package io.poollab.regress;

import java.util.Arrays;

/** Builds synthetic figures for tests: value = mean of the samples, CI = mean ± 3.29 standard errors. */
final class Figures {

  private Figures() {}

  static Figure of(String key, double... samples) {
    FigureKind kind = FigureKind.fromPrefix(key.substring(0, key.indexOf(':')));
    double mean = Arrays.stream(samples).average().orElseThrow();
    double ss = Arrays.stream(samples).map(s -> (s - mean) * (s - mean)).sum();
    double se = Math.sqrt(ss / (samples.length - 1) / samples.length);
    return new Figure(key, kind, mean, mean - 3.29 * se, mean + 3.29 * se, samples);
  }

  /** n samples evenly spread over mean ± halfSpread. */
  static double[] spread(double mean, double halfSpread, int n) {
    double[] s = new double[n];
    for (int i = 0; i < n; i++) {
      s[i] = mean - halfSpread + 2 * halfSpread * i / (n - 1);
    }
    return s;
  }
}
