package io.poollab.regress;

import io.poollab.report.Bootstrap;
import io.poollab.report.Quality;
import io.poollab.report.QualityFlag;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Builds synthetic figures for tests: one value per round, the interval from a bootstrap over rounds. */
final class Figures {

  private Figures() {}

  static Figure of(String key, double... perRound) {
    return of(key, Set.of(), perRound);
  }

  static Figure of(String key, Set<QualityFlag> flags, double... perRound) {
    FigureKind kind = FigureKind.fromPrefix(key.substring(0, key.indexOf(':')));
    Bootstrap.Estimate e = Bootstrap.medianOverRounds(
        Arrays.stream(perRound).mapToObj(Bootstrap.Point::new).toList(), Bootstrap.seedOf(key));
    return new Figure(key, kind, e, new Quality(perRound.length, 0, 0, 0,
        flags.isEmpty() ? Set.of() : EnumSet.copyOf(flags)), List.of(key));
  }

  /** n values evenly spread over mean ± halfSpread, in a mixed order. */
  static double[] spread(double mean, double halfSpread, int n) {
    double[] s = new double[n];
    for (int i = 0; i < n; i++) {
      int k = (i * 7) % n; // mixed, so the order says nothing
      s[i] = n == 1 ? mean : mean - halfSpread + 2 * halfSpread * k / (n - 1);
    }
    return s;
  }
}
