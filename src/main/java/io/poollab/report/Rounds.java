package io.poollab.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A run's protocol as recorded in its {@code rounds.json}: the seed, the rounds planned, and every
 * fork with its round, group and attempt. A run folder without {@code rounds.json} (JMH's own
 * output, or a run from before rounds) is read as if its k-th fork of every configuration ran in
 * round k, so the same statistics apply to it, with nothing known about disturbance.
 *
 * <pre>{@code
 * Rounds r = run.rounds();
 * long disturbed = r.forks().stream().filter(ForkData::kept).filter(ForkData::disturbed).count();
 * }</pre>
 *
 * @param recorded whether the run had a {@code rounds.json} (false: inferred from jmh.json)
 * @param seed the seed of the order (0 when not recorded)
 * @param planned the rounds planned
 * @param probeReferenceMillis the CPU probe's reference time (NaN when not recorded)
 * @param forks every fork, in execution order; re-runs and the attempts they replaced included
 * @param disturbedGroups groups of the rounds (first attempts) the canary judged disturbed
 * @param rerunGroups groups that ran a second time
 * @param stillDisturbed kept groups that are disturbed
 */
public record Rounds(
    boolean recorded,
    long seed,
    int planned,
    double probeReferenceMillis,
    List<ForkData> forks,
    int disturbedGroups,
    int rerunGroups,
    int stillDisturbed) {

  /** Checks and copies. */
  public Rounds {
    forks = List.copyOf(forks);
    if (planned < 0) {
      throw new IllegalArgumentException("planned rounds must be >= 0, was " + planned);
    }
  }

  /** No rounds: a run without results. */
  public static Rounds none() {
    return new Rounds(false, 0, 0, Double.NaN, List.of(), 0, 0, 0);
  }

  /**
   * The rounds of a run without {@code rounds.json}: fork k of every result is round k, all forks
   * of a round in one group, nothing disturbed.
   *
   * @param results the results read from jmh.json (their samples are the forks' iterations, fork
   *     after fork, {@link BenchmarkResult#forkSizes()} long each)
   * @return the inferred rounds
   */
  public static Rounds fromJmh(List<BenchmarkResult> results) {
    List<ForkData> forks = new ArrayList<>();
    int id = 1;
    int most = 0;
    for (BenchmarkResult r : results) {
      List<Integer> sizes = r.forkSizes();
      int offset = 0;
      for (int k = 0; k < sizes.size(); k++) {
        double[] its = new double[sizes.get(k)];
        for (int i = 0; i < its.length; i++) {
          its[i] = r.samples().get(offset + i);
        }
        offset += its.length;
        forks.add(new ForkData(id++, k + 1, 1, 1, true, "", r.benchmark(), r.mode(), r.params(), r.unit(),
            its, new double[0], new double[0], Double.NaN, r.measurementMillis(), Double.NaN, ""));
      }
      most = Math.max(most, sizes.size());
    }
    return new Rounds(false, 0, most, Double.NaN, forks, 0, 0, 0);
  }

  /** The kept forks of one configuration, in execution order. */
  public List<ForkData> keptForks(String configKey) {
    Objects.requireNonNull(configKey, "configKey");
    return forks.stream().filter(ForkData::kept).filter(f -> f.configKey().equals(configKey)).toList();
  }
}
