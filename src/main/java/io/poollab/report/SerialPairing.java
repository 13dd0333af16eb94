package io.poollab.report;

/**
 * A parallel result and the {@code SERIAL} result it is measured against: same benchmark method,
 * mode and workload params, same run. The report draws speed-ups from pairings and the
 * regression check draws its figures from them, so both pair results the same way.
 *
 * <pre>{@code
 * for (SerialPairing p : SpeedUps.pairings(results, problems)) {
 *   SpeedUp s = SpeedUp.of(p.serial(), p.parallel(), p.workers());
 * }
 * }</pre>
 *
 * @param serial the serial baseline
 * @param parallel the parallel result
 * @param workers the parallel result's {@code workers} param, at least 1
 */
public record SerialPairing(BenchmarkResult serial, BenchmarkResult parallel, int workers) {}
