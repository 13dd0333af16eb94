package io.poollab.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The run's data quality said out loud: what the canary saw, and every flagged figure with why it
 * is kept out of headlines and recommendations.
 *
 * <pre>{@code
 * DataQuality.notes(run).forEach(System.out::println);
 * // POOL_IMAP workers=2 chunksize=1000 (WordJobBenchmark.hashAll hashing=NEW_DIGEST): noisy — its 95% interval ...
 * }</pre>
 */
public final class DataQuality {

  private DataQuality() {}

  /**
   * One line per concern: disturbed groups still in use, then each flagged speed-up.
   *
   * @param run the run
   * @return the lines, empty when there is nothing to say
   */
  public static List<String> notes(RunResults run) {
    List<String> out = new ArrayList<>();
    Rounds r = run.rounds();
    if (r.stillDisturbed() > 0) {
      out.add(r.stillDisturbed() + " group(s) stayed disturbed after their re-run; figures that had"
          + " to use them are flagged 'disturbed'");
    }
    for (SpeedUp s : run.speedUps()) {
      if (!s.quality().flagged()) {
        continue;
      }
      List<String> why = s.quality().flags().stream().map(f -> f.label() + ": " + f.why()).toList();
      out.add(String.format(Locale.ROOT, "%s%s workers=%d chunksize=%s%s (%s): %.2fx %s — %s",
          s.python() ? "Python " : "", s.impl(), s.workers(), s.chunksize().isEmpty() ? "-" : s.chunksize(),
          "VIRTUAL".equals(s.backend()) ? " virtual"
              : s.members() > 0 ? " on " + ChartLabels.backend(s.backend(), s.members()) : "", s.job(), s.value(),
          Tables.interval(s.low(), s.high(), 2), String.join("; ", why)));
    }
    return out;
  }
}
