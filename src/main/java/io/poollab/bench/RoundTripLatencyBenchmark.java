package io.poollab.bench;

import io.poollab.pool.Task;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The {@code applyAsync} round trip on an idle pool: submit a trivial task, wait for its result.
 * JMH samples the time of each call (µs); every call is also recorded in an HdrHistogram log.
 * {@code CLUSTER_APPLY_ASYNC} makes the same call on a {@code Backend.CLUSTER} pool over
 * {@code workers} local member processes: the cost of one chunk's trip through the engine.
 *
 * <pre>{@code
 * java -Dpoollab.histograms=/tmp/h -jar target/benchmarks.jar RoundTripLatencyBenchmark -p workers=1
 * }</pre>
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
public class RoundTripLatencyBenchmark extends PoolLatencyState {

  private static final Task<Long, Long> IDENTITY = x -> x;

  /** The implementation: the pool's {@code applyAsync} on threads, or on local member processes. */
  @Param({"POOL_APPLY_ASYNC"})
  public String impl;

  /** Workers of the idle pool. */
  @Param({"1"})
  public int workers;

  /** Not used: a single task per call. */
  @Param({"default"})
  public String chunksize;

  private long next;

  @Override
  protected List<String> implementations() {
    return List.of("POOL_APPLY_ASYNC", "CLUSTER_APPLY_ASYNC");
  }

  /**
   * One round trip.
   *
   * @return the echoed value
   * @throws InterruptedException if interrupted while waiting
   */
  @Benchmark
  public Long applyAsyncRoundTrip() throws InterruptedException {
    try {
      long start = System.nanoTime();
      Long r = pool.applyAsync(IDENTITY, next++).get();
      log.record(System.nanoTime() - start);
      return r;
    } catch (InterruptedException | RuntimeException | Error e) {
      // JMH skips the trial's tear-down after a failed operation: stop the member process now
      closePoolAfterFailure(e);
      throw e;
    }
  }
}
