/**
 * JMH benchmarks and the peer implementations they compare with the pool.
 *
 * <h2>Naming contract for results (read by {@code report} and {@code regress})</h2>
 * <ul>
 *   <li>Every throughput benchmark measures one whole job per operation, in
 *       {@code AverageTime} or {@code SingleShotTime} mode, unit ms/op.</li>
 *   <li>Param {@code impl} names the implementation under test (an enum that is also its
 *       factory); the value {@code SERIAL} is the plain-loop baseline.</li>
 *   <li>Params {@code workers} (an int) and {@code chunksize} (an int, or {@code default})
 *       describe the parallel configuration; a serial result carries {@code workers=1}.</li>
 *   <li>Every other param describes the workload (for example {@code hashing}, {@code task},
 *       {@code costNs}, {@code ioMillis}). The speed-up of a result is the score of the
 *       {@code SERIAL} result of the same benchmark method with the same workload params,
 *       divided by its own score, both from the same run.</li>
 * </ul>
 */
package io.poollab.bench;
