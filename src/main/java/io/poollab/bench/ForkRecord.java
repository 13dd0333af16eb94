package io.poollab.bench;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One fork as the round runner ran it: where it sat in the protocol (round, group, attempt),
 * what it measured, and how much of the machine others took meanwhile. The round runner writes
 * these to {@code rounds.json}; the kept ones also make up {@code jmh.json}.
 *
 * <pre>{@code
 * ForkRecord r = log.forks().get(0);
 * System.out.println(r.id() + " round " + r.round() + " group " + r.group() + ": " + r.entry().label());
 * }</pre>
 *
 * @param id the fork's number in the run, from 1, in execution order
 * @param side the side it ran on ({@code run}, or {@code ref}/{@code head} for a comparison)
 * @param round the round, from 1
 * @param group the group within its round, from 1
 * @param attempt 1, or 2 for the re-run of a disturbed group
 * @param entry the benchmark, params and iteration settings
 * @param jvmArgs the forked JVM's arguments
 * @param startedAt when the fork started
 * @param seconds how long it took, start-up included
 * @param result what it measured, or null when it failed
 * @param failure why it failed, or null
 * @param foreignCores cores other processes kept busy while it ran, on average (NaN: unknown)
 * @param stealCores cores the hypervisor took while it ran, on average (NaN: unknown)
 * @param kept whether the fork counts: false for an attempt replaced by its re-run
 */
public record ForkRecord(
    int id,
    String side,
    int round,
    int group,
    int attempt,
    PlanEntry entry,
    List<String> jvmArgs,
    Instant startedAt,
    double seconds,
    ForkResult result,
    String failure,
    double foreignCores,
    double stealCores,
    boolean kept) {

  /** Checks the fields. */
  public ForkRecord {
    if (id < 1 || round < 1 || group < 1 || attempt < 1) {
      throw new IllegalArgumentException(
          "id, round, group and attempt start at 1, were " + id + ", " + round + ", " + group + ", " + attempt);
    }
    Objects.requireNonNull(side, "side");
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(startedAt, "startedAt");
    jvmArgs = List.copyOf(jvmArgs);
    if ((result == null) == (failure == null)) {
      throw new IllegalArgumentException("a fork has either a result or a failure, not both or neither");
    }
  }

  /** Whether the fork produced a result. */
  public boolean succeeded() {
    return result != null;
  }

  /** This record with another {@code kept} flag. */
  public ForkRecord withKept(boolean keep) {
    return new ForkRecord(id, side, round, group, attempt, entry, jvmArgs, startedAt, seconds, result,
        failure, foreignCores, stealCores, keep);
  }
}
