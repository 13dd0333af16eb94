package io.poollab.bench;

import java.util.List;
import java.util.Objects;

/**
 * One group of forks as the round runner ran it, with what the canary saw around it: the CPU
 * probe before and after, and the CPU other processes and the hypervisor took while it ran.
 *
 * <pre>{@code
 * long disturbed = log.groups().stream().filter(GroupRecord::disturbed).count();
 * }</pre>
 *
 * @param side the side its forks ran on
 * @param round the round, from 1
 * @param index the group within its round, from 1
 * @param attempt 1, or 2 for a re-run
 * @param job the workload its forks share
 * @param forkIds the ids of its forks, in run order
 * @param probeBeforeMillis the CPU probe's time just before the group
 * @param probeAfterMillis the CPU probe's time just after it
 * @param foreignCores the most any of its forks saw other processes use, in cores (NaN: unknown)
 * @param stealCores the most any of its forks saw the hypervisor take, in cores (NaN: unknown)
 * @param load1 the 1-minute load average after the group (NaN: unknown)
 * @param deviation the most one of its forks differed from its configuration's median in the
 *     other rounds, a fraction (NaN: not yet known)
 * @param disturbed whether the canary judged the group disturbed
 * @param reason why, in words; empty when not disturbed
 * @param kept whether its forks count (false when a re-run replaced it)
 */
public record GroupRecord(
    String side,
    int round,
    int index,
    int attempt,
    String job,
    List<Integer> forkIds,
    double probeBeforeMillis,
    double probeAfterMillis,
    double foreignCores,
    double stealCores,
    double load1,
    double deviation,
    boolean disturbed,
    String reason,
    boolean kept) {

  /** Checks and copies. */
  public GroupRecord {
    Objects.requireNonNull(side, "side");
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(reason, "reason");
    forkIds = List.copyOf(forkIds);
  }

  /** This record with another {@code kept} flag. */
  public GroupRecord withKept(boolean keep) {
    return new GroupRecord(side, round, index, attempt, job, forkIds, probeBeforeMillis,
        probeAfterMillis, foreignCores, stealCores, load1, deviation, disturbed, reason, keep);
  }

  /**
   * This record with its forks' deviation known, disturbed with a reason when it is an outlier.
   *
   * @param dev the largest deviation of its forks
   * @param why the reason, or empty when the deviation is within the limit
   * @return the copy
   */
  public GroupRecord withDeviation(double dev, String why) {
    boolean outlier = !why.isEmpty();
    String r = !outlier ? reason : reason.isEmpty() ? why : reason + "; " + why;
    return new GroupRecord(side, round, index, attempt, job, forkIds, probeBeforeMillis,
        probeAfterMillis, foreignCores, stealCores, load1, dev, disturbed || outlier, r, kept);
  }

  /**
   * How badly disturbed, for choosing between an attempt and its re-run: the largest of the CPU
   * other processes took (cores), the probe's slowdown over the reference and the forks'
   * deviation (fractions).
   *
   * @param probeReferenceMillis the run's reference probe time
   * @return 0 for a quiet group, larger the worse
   */
  public double severity(double probeReferenceMillis) {
    double probe = Math.max(probeBeforeMillis, probeAfterMillis) / probeReferenceMillis - 1;
    double foreign = Double.isNaN(foreignCores) ? 0 : foreignCores;
    double steal = Double.isNaN(stealCores) ? 0 : stealCores;
    double dev = Double.isNaN(deviation) ? 0 : deviation;
    return Math.max(0, Math.max(Math.max(probe, dev), Math.max(foreign, steal)));
  }
}
