package io.poollab.report;

import java.util.List;
import java.util.Objects;

/**
 * A parallel result, the {@code SERIAL} result it is measured against (same benchmark method,
 * mode and workload params, same run), and the round-by-round pairs of their forks. The report
 * draws speed-ups from pairings and the regression check draws its figures from them, so both
 * pair results the same way.
 *
 * <pre>{@code
 * for (SerialPairing p : SpeedUps.pairings(run.results(), run.rounds(), problems)) {
 *   SpeedUp s = SpeedUps.measure(p, run.metadata().cores());
 * }
 * }</pre>
 *
 * @param serial the serial baseline's result
 * @param parallel the parallel result
 * @param workers the parallel result's {@code workers} param, at least 1
 * @param pairs one pair of forks per round in which both ran, in round order
 */
public record SerialPairing(BenchmarkResult serial, BenchmarkResult parallel, int workers, List<RoundPair> pairs) {

  /** Checks and copies. */
  public SerialPairing {
    Objects.requireNonNull(serial, "serial");
    Objects.requireNonNull(parallel, "parallel");
    pairs = List.copyOf(pairs);
  }
}
