package io.poollab.bench;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Forks that run back to back in a round: parallel configurations of one workload with the
 * SERIAL fork they are paired with in the middle ({@code [parallel, SERIAL, parallel]}), or a
 * lone fork of a benchmark without a serial baseline. A group is the unit the round runner
 * judges for disturbance and re-runs as a whole, so a re-run pair is still measured side by side.
 *
 * <pre>{@code
 * for (ForkGroup g : RoundScheduler.round(entries, 1, seed)) {
 *   g.members().forEach(m -> System.out.println(g.round() + "." + g.index() + " " + m.entry().label()));
 * }
 * }</pre>
 *
 * @param round the round, from 1
 * @param index the group's place in its round, from 1
 * @param job the workload the members share (see {@link RoundScheduler#jobOf})
 * @param members the forks, in run order
 */
public record ForkGroup(int round, int index, String job, List<SideEntry> members) {

  /** Checks and copies. */
  public ForkGroup {
    if (round < 1 || index < 1) {
      throw new IllegalArgumentException("round and index start at 1, were " + round + ", " + index);
    }
    Objects.requireNonNull(job, "job");
    members = List.copyOf(members);
    if (members.isEmpty()) {
      throw new IllegalArgumentException("a group needs at least one member");
    }
  }

  /** How long the group should take: its members' estimates together. */
  public Duration estimate() {
    Duration total = Duration.ZERO;
    for (SideEntry m : members) {
      total = total.plus(m.entry().estimate());
    }
    return total;
  }

  /**
   * A plan entry on one side of a comparison: {@code check --against} runs two builds' jars (sides
   * {@code ref} and {@code head}) in the same rounds; a plain run has one side, {@code run}.
   *
   * @param side the side's name
   * @param entry the plan entry
   */
  public record SideEntry(String side, PlanEntry entry) {
    /** Checks the fields. */
    public SideEntry {
      if (side == null || !side.matches("[a-z][a-z0-9-]*")) {
        throw new IllegalArgumentException("side must be a lowercase name like 'run' or 'ref', was " + side);
      }
      Objects.requireNonNull(entry, "entry");
    }

    /** Whether this is a serial baseline entry. */
    public boolean isSerial() {
      return "SERIAL".equals(entry.params().get("impl"));
    }
  }
}
