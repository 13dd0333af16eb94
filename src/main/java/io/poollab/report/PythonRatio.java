package io.poollab.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * How many times as fast as Python's pool one of the lab's configurations ran: Python's wall time
 * of the same job over the lab's. When Python ran between the rounds ({@code python.json} names
 * each run's round), round by round, as the lab pairs every figure: Python's run after round r
 * over the configuration's fork of round r, the median over the rounds that have both. Otherwise
 * Python's median over the median of the configuration's kept forks.
 *
 * <pre>{@code
 * PythonRatio.of(run, clusterMap, pythonPoolMap).ifPresent(r ->
 *     System.out.printf("%.2fx as fast as Python's pool (%s)%n", r.value(), r.describe()));
 * }</pre>
 *
 * @param value Python's time over the lab's (above 1: the lab's configuration was faster)
 * @param rounds the rounds paired; 0 when the two medians were compared
 */
public record PythonRatio(double value, int rounds) {

  /**
   * The ratio, from the rounds when it can be.
   *
   * @param run the run
   * @param java one of the lab's figures (not Python's)
   * @param python Python's result of the same job, workers and chunksize
   * @return the ratio, or empty when either time is missing
   */
  public static Optional<PythonRatio> of(RunResults run, SpeedUp java, PythonResult python) {
    List<ForkData> forks = keptForks(run, java);
    List<Double> ratios = new ArrayList<>();
    for (int round : new TreeSet<>(python.rounds())) {
      double py = python.medianSecondsAfterRound(round);
      double lab = seconds(forks.stream().filter(f -> f.round() == round).toList());
      if (py > 0 && lab > 0 && Double.isFinite(lab)) {
        ratios.add(py / lab);
      }
    }
    if (!ratios.isEmpty()) {
      return Optional.of(new PythonRatio(
          RobustStats.median(ratios.stream().mapToDouble(Double::doubleValue).toArray()), ratios.size()));
    }
    Optional<Double> seconds = BackendComparison.seconds(run, java);
    if (seconds.isEmpty() || !(python.medianSeconds() > 0)) {
      return Optional.empty();
    }
    return Optional.of(new PythonRatio(python.medianSeconds() / seconds.get(), 0));
  }

  /**
   * How the ratio was taken, for the headline.
   *
   * @param pythonRuns Python's runs of the configuration
   * @return e.g. {@code Python's run after each round against the round's fork, the median of 3
   *     rounds} or {@code wall time against Python's median of 3 runs}
   */
  public String describe(int pythonRuns) {
    if (rounds > 0) {
      return "Python's run after each round against that round's fork, the median of " + rounds + " round"
          + (rounds == 1 ? "" : "s");
    }
    return "wall time against Python's " + (pythonRuns == 1 ? "single run" : "median of " + pythonRuns + " runs");
  }

  /** The median of these forks' medians, in seconds, as {@link ForkStats} takes it; NaN without forks. */
  private static double seconds(List<ForkData> forks) {
    return forks.isEmpty() ? Double.NaN
        : ForkStats.of(forks).median() * ForkStats.millisPerUnit(forks.get(0).unit()) / 1000;
  }

  private static List<ForkData> keptForks(RunResults run, SpeedUp java) {
    for (BenchmarkResult r : run.results()) {
      if (r.job().equals(java.job()) && r.params().equals(java.params())) {
        return run.rounds().keptForks(r.configKey());
      }
    }
    return List.of();
  }
}
