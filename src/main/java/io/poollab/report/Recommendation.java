package io.poollab.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The configuration to use for one job on the machine that ran it: the pool's best measured
 * speed-up among the figures that are not flagged, and the fewest workers that come within 5% of
 * it; or "stay serial" when no unflagged configuration of the pool is faster than the plain loop
 * beyond its interval; or "no verdict" when every figure of the pool on the job is flagged (a
 * disturbed hour can flag them all), where "stay serial" would be advice the run cannot back.
 *
 * <pre>{@code
 * Recommendation.forRun(run).forEach(r -> System.out.println(r.sentence(run.metadata().machineClass())));
 * // On this machine (linux-x86_64-2c), for WordJobBenchmark.hashAll hashing=NEW_DIGEST: 2 workers, chunksize default, method POOL_MAP: 1.92x [1.88, 1.95].
 * }</pre>
 *
 * @param job the job
 * @param best the pool's highest trustworthy speed-up on it, or empty: stay serial, or no verdict
 *     ({@link #noVerdict()})
 * @param leanest the speed-up with the fewest workers within 5% of {@code best} (may be {@code best})
 * @param flagged how many of the job's pool figures were left out for their flags
 * @param figures how many pool figures the job has, flagged or not
 */
public record Recommendation(
    String job, Optional<SpeedUp> best, Optional<SpeedUp> leanest, int flagged, int figures) {

  /** Within this fraction of the best, fewer workers are worth mentioning. */
  static final double CLOSE_ENOUGH = 0.95;

  /** Checks the fields. */
  public Recommendation {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(best, "best");
    Objects.requireNonNull(leanest, "leanest");
    if (flagged < 0 || flagged > figures) {
      throw new IllegalArgumentException("flagged figures must be 0 to the job's " + figures + "; was " + flagged);
    }
  }

  /**
   * Whether the run cannot advise on this job: every figure of the pool on it is flagged, so
   * neither a configuration nor "stay serial" is backed by a trustworthy figure.
   *
   * @return true when there is no best figure and no unflagged one either
   */
  public boolean noVerdict() {
    return best.isEmpty() && figures > 0 && flagged == figures;
  }

  /**
   * One recommendation per job that has pool results, in job order. Jobs without {@code POOL_*}
   * results are left out (there is nothing of ours to tune).
   *
   * @param run the run
   * @return the recommendations
   */
  public static List<Recommendation> forRun(RunResults run) {
    List<Recommendation> out = new ArrayList<>();
    for (String job : Charts.jobs(run)) {
      List<SpeedUp> pool = run.speedUps().stream()
          .filter(s -> !s.python() && s.isFinite() && s.job().equals(job) && s.impl().startsWith("POOL_"))
          .toList();
      if (pool.isEmpty()) {
        continue;
      }
      List<SpeedUp> trusted = pool.stream().filter(SpeedUp::trustworthy).toList();
      int flagged = pool.size() - trusted.size();
      // a speed-up counts only when its whole interval is above the plain loop
      Optional<SpeedUp> best = trusted.stream()
          .filter(s -> s.low() > 1.0)
          .max(Comparator.comparingDouble(SpeedUp::value));
      Optional<SpeedUp> leanest = best.map(b -> trusted.stream()
          .filter(s -> s.low() > 1.0 && s.value() >= CLOSE_ENOUGH * b.value())
          .min(Comparator.comparingInt(SpeedUp::workers).thenComparing(s -> -s.value()))
          .orElse(b));
      out.add(new Recommendation(job, best, leanest, flagged, pool.size()));
    }
    return out;
  }

  /**
   * The recommendation as a sentence.
   *
   * @param machineClass the machine label from the run's metadata
   * @return e.g. {@code On this machine (linux-x86_64-2c), for HashBench.hashWords: 2 workers,
   *     chunksize default, method POOL_MAP: 1.92x [1.88, 1.95].}
   */
  public String sentence(String machineClass) {
    StringBuilder sb = new StringBuilder("On this machine (").append(machineClass).append("), for ")
        .append(job).append(": ");
    if (noVerdict()) {
      sb.append("no verdict: every figure of the pool was flagged; measure it again on a quieter"
          + " machine");
    } else if (best.isEmpty()) {
      sb.append("stay serial: no configuration of the pool was faster than the plain loop beyond its"
          + " interval");
    } else {
      sb.append(describe(best.get()));
      if (leanest.isPresent() && leanest.get().workers() < best.get().workers()) {
        sb.append(". Within 5% with fewer workers: ").append(describe(leanest.get()));
      }
    }
    sb.append('.');
    if (flagged > 0) {
      sb.append(" (").append(flagged).append(flagged == 1 ? " flagged figure" : " flagged figures")
          .append(" left out.)");
    }
    return sb.toString();
  }

  private static String describe(SpeedUp s) {
    String interval = Double.isFinite(s.low()) && Double.isFinite(s.high())
        ? String.format(Locale.ROOT, " [%.2f, %.2f]", s.low(), s.high()) : "";
    return s.workers() + (s.workers() == 1 ? " worker" : " workers")
        + ", chunksize " + (s.chunksize().isEmpty() ? "n/a" : s.chunksize())
        + ", method " + s.impl()
        + ("VIRTUAL".equals(s.backend()) ? " on virtual threads"
            : s.members() > 0 ? " on " + ChartLabels.backend(s.backend(), s.members()) : "")
        + String.format(Locale.ROOT, ": %.2fx", s.value()) + interval;
  }
}
