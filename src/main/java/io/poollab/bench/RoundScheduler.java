package io.poollab.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The order of a round: every entry runs one fork, parallel configurations next to a SERIAL fork
 * of the same workload, in a freshly shuffled order.
 *
 * <h2>Why</h2>
 * A speed-up divides a serial time by a parallel time. Measured minutes apart, the two see
 * different neighbours and the ratio moves with them (Abedi and Brecht, ICPE 2017: randomized
 * multiple interleaved trials). So each round puts the parallel forks of a workload, two at a
 * time, on either side of a SERIAL fork of that workload ({@code [P, SERIAL, P]}), and shuffles
 * the groups of all workloads; each parallel fork is paired with the serial fork of its group.
 * The order is a pure function of the entries, the round and the seed, so a run's order can be
 * told again from the seed in its {@code rounds.json}.
 *
 * <pre>{@code
 * List<ForkGroup> round1 = RoundScheduler.round(entries, 1, 42L);
 * }</pre>
 */
public final class RoundScheduler {

  /** Parallel forks placed around one serial fork. */
  public static final int PARALLEL_PER_SERIAL = 2;

  /**
   * Params that describe the parallel configuration, not the workload (as the report's {@code
   * BenchmarkResult.isConfiguration} reads them): {@code members} counts a {@code CLUSTER} pool's
   * processes.
   */
  private static final Set<String> CONFIGURATION = Set.of("impl", "workers", "chunksize", "backend", "members");

  private RoundScheduler() {}

  /**
   * The groups of one round, in run order.
   *
   * @param entries the plan's entries on their sides; each workload has at most one SERIAL entry
   *     per side
   * @param round the round, from 1
   * @param seed the run's seed
   * @return the groups, numbered from 1 in run order
   * @throws IllegalArgumentException when a workload has two SERIAL entries on one side
   */
  public static List<ForkGroup> round(List<ForkGroup.SideEntry> entries, int round, long seed) {
    if (round < 1) {
      throw new IllegalArgumentException("round must be >= 1, was " + round);
    }
    Random random = new Random(seed * 1_000_003L + round);
    Map<String, ForkGroup.SideEntry> serials = new LinkedHashMap<>();
    Map<String, List<ForkGroup.SideEntry>> parallel = new LinkedHashMap<>();
    for (ForkGroup.SideEntry e : entries) {
      String job = jobOf(e);
      if (e.isSerial()) {
        ForkGroup.SideEntry before = serials.put(job, e);
        if (before != null) {
          throw new IllegalArgumentException("workload " + job + " has two SERIAL entries: "
              + before.entry().label() + " and " + e.entry().label() + "; the plan needs one");
        }
      } else {
        parallel.computeIfAbsent(job, k -> new ArrayList<>()).add(e);
      }
    }
    List<Draft> drafts = new ArrayList<>();
    for (Map.Entry<String, List<ForkGroup.SideEntry>> p : parallel.entrySet()) {
      ForkGroup.SideEntry serial = serials.get(p.getKey());
      List<ForkGroup.SideEntry> ps = new ArrayList<>(p.getValue());
      Collections.shuffle(ps, random);
      if (serial == null) {
        ps.forEach(e -> drafts.add(new Draft(p.getKey(), List.of(e))));
        continue;
      }
      for (int i = 0; i < ps.size(); i += PARALLEL_PER_SERIAL) {
        List<ForkGroup.SideEntry> members = new ArrayList<>();
        if (i + 1 < ps.size()) {
          members.addAll(List.of(ps.get(i), serial, ps.get(i + 1)));
        } else if (random.nextBoolean()) {
          members.addAll(List.of(ps.get(i), serial));
        } else {
          members.addAll(List.of(serial, ps.get(i)));
        }
        drafts.add(new Draft(p.getKey(), members));
      }
    }
    serials.forEach((job, serial) -> {
      if (!parallel.containsKey(job)) {
        drafts.add(new Draft(job, List.of(serial)));
      }
    });
    Collections.shuffle(drafts, random);
    List<ForkGroup> out = new ArrayList<>(drafts.size());
    for (int i = 0; i < drafts.size(); i++) {
      out.add(new ForkGroup(round, i + 1, drafts.get(i).job(), drafts.get(i).members()));
    }
    return out;
  }

  /**
   * The workload an entry measures on its side: the side, the benchmark and every param but the
   * configuration ({@code impl}, {@code workers}, {@code chunksize}, {@code backend}, {@code
   * members}), e.g.
   * {@code run:WordJobBenchmark.hashAll hashing=NEW_DIGEST}.
   *
   * @param e the entry
   * @return the workload key
   */
  public static String jobOf(ForkGroup.SideEntry e) {
    StringBuilder sb = new StringBuilder(e.side()).append(':').append(e.entry().shortName());
    e.entry().params().entrySet().stream()
        .filter(p -> !CONFIGURATION.contains(p.getKey()))
        .sorted(Map.Entry.comparingByKey())
        .forEach(p -> sb.append(' ').append(p.getKey()).append('=').append(p.getValue()));
    return sb.toString();
  }

  private record Draft(String job, List<ForkGroup.SideEntry> members) {}
}
