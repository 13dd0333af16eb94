package io.poollab.bench;

/**
 * When a group of forks counts as disturbed: other processes kept more than {@code foreignCores}
 * cores busy on average while one of its forks ran, or the hypervisor took more than {@code
 * stealCores}, or the CPU probe just before or after it took more than {@code 1 + probeSlowdown}
 * times its reference time, or (once all rounds ran) one of its forks measured further than
 * {@code forkDeviation} from the median of its configuration's other rounds.
 *
 * <p>The defaults were set on 2-vCPU VMs: quiet forks showed 0.00-0.05 foreign cores and probe
 * times within 10% of the reference; one competing busy process showed about 1 foreign core and
 * a probe 1.5-2x slower. The hypervisor gets the same quarter of a core as other processes: with
 * 0.10, on an AMD EPYC host whose hypervisor took 0.11-0.40 cores most of a day, 13 of the 15
 * fresh groups that were to confirm a planted 10% slow-down counted as disturbed, and the check
 * could only say "inconclusive" about a real regression; the probe still catches a group whose
 * stolen time slowed its work. The last test catches what no counter shows: a host whose other tenants
 * slowed one fork by 1.7x for its whole life, with the probes on either side normal, while the
 * same configuration's other rounds agreed within 5%.
 *
 * <pre>{@code
 * DisturbanceLimits limits = DisturbanceLimits.DEFAULTS;
 * boolean disturbed = foreign > limits.foreignCores();
 * }</pre>
 *
 * @param foreignCores the most CPU others may take, in cores averaged over a fork
 * @param stealCores the most CPU the hypervisor may take, in cores averaged over a fork
 * @param probeSlowdown the most the probe may slow down, a fraction of its reference time
 * @param forkDeviation the most a fork's median may differ from its configuration's median in the
 *     other rounds, a fraction
 */
public record DisturbanceLimits(double foreignCores, double stealCores, double probeSlowdown,
    double forkDeviation) {

  /** The defaults: 0.25 cores of others, 0.25 cores of steal, a probe 25% slower, a fork 25% off. */
  public static final DisturbanceLimits DEFAULTS = new DisturbanceLimits(0.25, 0.25, 0.25, 0.25);

  /** Checks the limits. */
  public DisturbanceLimits {
    if (!(foreignCores > 0) || !(stealCores > 0) || !(probeSlowdown > 0) || !(forkDeviation > 0)) {
      throw new IllegalArgumentException("disturbance limits must be positive, were foreignCores="
          + foreignCores + ", stealCores=" + stealCores + ", probeSlowdown=" + probeSlowdown
          + ", forkDeviation=" + forkDeviation);
    }
  }
}
