package io.poollab.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The configuration to use for one job on the machine that ran it: the pool's best measured
 * speed-up, and the fewest workers that come within 5% of it.
 *
 * <pre>{@code
 * Recommendation.forRun(run).forEach(r -> System.out.println(r.sentence(run.metadata().machineClass())));
 * // On this machine (linux-x86_64-2c), for HashBench.hashWords: 2 workers, chunksize default, method POOL_MAP: 1.9x (± 0.04).
 * }</pre>
 *
 * @param job the job
 * @param best the pool's highest finite speed-up on it
 * @param leanest the speed-up with the fewest workers within 5% of {@code best} (may be {@code best})
 */
public record Recommendation(String job, SpeedUp best, SpeedUp leanest) {

  /** Within this fraction of the best, fewer workers are worth mentioning. */
  static final double CLOSE_ENOUGH = 0.95;

  /** Checks the fields. */
  public Recommendation {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(best, "best");
    Objects.requireNonNull(leanest, "leanest");
  }

  /**
   * One recommendation per job that has a finite pool speed-up, in job order. Jobs without
   * {@code POOL_*} results are left out (there is nothing of ours to tune).
   *
   * @param run the run
   * @return the recommendations
   */
  public static List<Recommendation> forRun(RunResults run) {
    List<Recommendation> out = new ArrayList<>();
    for (String job : Charts.jobs(run)) {
      Optional<SpeedUp> best = Charts.best(run, job, true);
      best.ifPresent(b -> {
        SpeedUp leanest = run.speedUps().stream()
            .filter(s -> !s.python() && s.isFinite() && s.job().equals(job) && s.impl().startsWith("POOL_"))
            .filter(s -> s.value() >= CLOSE_ENOUGH * b.value())
            .min(Comparator.comparingInt(SpeedUp::workers).thenComparing(s -> -s.value()))
            .orElse(b);
        out.add(new Recommendation(job, b, leanest));
      });
    }
    return out;
  }

  /**
   * The recommendation as a sentence.
   *
   * @param machineClass the machine label from the run's metadata
   * @return e.g. {@code On this machine (linux-x86_64-2c), for HashBench.hashWords: 2 workers,
   *     chunksize default, method POOL_MAP: 1.9x (± 0.04).}
   */
  public String sentence(String machineClass) {
    StringBuilder sb = new StringBuilder("On this machine (").append(machineClass).append("), for ")
        .append(job).append(": ").append(describe(best)).append('.');
    if (leanest.workers() < best.workers()) {
      sb.append(" Within 5% with fewer workers: ").append(describe(leanest)).append('.');
    }
    return sb.toString();
  }

  private static String describe(SpeedUp s) {
    String error = Double.isFinite(s.error()) ? String.format(Locale.ROOT, " (± %.2f)", s.error()) : "";
    return s.workers() + (s.workers() == 1 ? " worker" : " workers")
        + ", chunksize " + (s.chunksize().isEmpty() ? "n/a" : s.chunksize())
        + ", method " + s.impl()
        + ("VIRTUAL".equals(s.backend()) ? " on virtual threads" : "")
        + String.format(Locale.ROOT, ": %.1fx", s.value()) + error;
  }
}
