package io.poollab.report;

import java.util.Objects;

/**
 * One round's pair behind a speed-up: the parallel fork and the SERIAL fork of the same workload
 * that ran next to it in the same group.
 *
 * <pre>{@code
 * double ratio = RobustStats.median(pair.serial().iterations()) / RobustStats.median(pair.parallel().iterations());
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

  /** Whether the canary judged the pair's group disturbed. */
  public boolean disturbed() {
    return serial.disturbed() || parallel.disturbed();
  }

  /** The pair as a bootstrap round: serial time over parallel time (inverted for throughput). */
  public Bootstrap.Ratio ratio(boolean throughput) {
    return throughput
        ? new Bootstrap.Ratio(parallel.iterations(), serial.iterations())
        : new Bootstrap.Ratio(serial.iterations(), parallel.iterations());
  }
}
