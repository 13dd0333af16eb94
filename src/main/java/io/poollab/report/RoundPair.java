package io.poollab.report;

import java.util.Objects;

/**
 * One round's pair behind a speed-up: the parallel fork and the SERIAL fork of the same workload
 * that ran next to it in the same group. A paired parallel fork (see {@link ForkData#paired()})
 * carries its own serial times, iteration by iteration, and its round is computed from them.
 *
 * <pre>{@code
 * double ratio = pair.ratio(false).value();   // serial over parallel, this round
 * }</pre>
 *
 * @param round the round
 * @param serial the serial fork
 * @param parallel the parallel fork
 */
public record RoundPair(int round, ForkData serial, ForkData parallel) {

  /** Checks the fields. */
  public RoundPair {
    Objects.requireNonNull(serial, "serial");
    Objects.requireNonNull(parallel, "parallel");
  }

  /** Whether the canary judged the group of a fork the round's value uses disturbed. */
  public boolean disturbed() {
    return parallel.paired() ? parallel.disturbed() : serial.disturbed() || parallel.disturbed();
  }

  /**
   * Whether the round has a value: its parallel fork measured something and so did its serial
   * side (the paired fork's own serial times, else the SERIAL fork).
   */
  public boolean usable() {
    return parallel.paired() ? parallel.usable() : serial.usable() && parallel.usable();
  }

  /**
   * The serial times the round's value uses: a paired fork's own serial partner, iteration by
   * iteration, or the SERIAL fork's iterations.
   *
   * @return a copy
   */
  public double[] serialTimes() {
    return parallel.paired() ? parallel.serialPartner() : serial.iterations();
  }

  /**
   * The pair as a bootstrap round: serial time over parallel time (inverted for throughput).
   * When the parallel fork is paired (it timed the serial job beside each of its iterations), the
   * round is its per-iteration ratios ({@link Bootstrap.Paired}) and the SERIAL fork is not used.
   */
  public Bootstrap.Round ratio(boolean throughput) {
    if (!throughput && parallel.paired()) {
      return new Bootstrap.Paired(parallel.serialPartner(), parallel.iterations());
    }
    return throughput
        ? new Bootstrap.Ratio(parallel.iterations(), serial.iterations())
        : new Bootstrap.Ratio(serial.iterations(), parallel.iterations());
  }
}
