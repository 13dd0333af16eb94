package io.poollab.bench;

import io.poollab.pool.Backend;
import io.poollab.pool.Pool;
import java.util.List;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;

/**
 * What the latency benchmarks share: one pool of {@code workers} per trial, one HdrHistogram
 * {@link LatencyLog} written per measured iteration, and the check that the {@code impl}
 * parameter names an implementation the benchmark has. A subclass declares its own {@code
 * @Param} fields ({@code impl}, {@code workers}, {@code chunksize}), read here through JMH's
 * {@link BenchmarkParams}, and prepares its inputs in {@link #prepare()}.
 *
 * <pre>{@code
 * public class MyLatencyBenchmark extends PoolLatencyState {
 *   @Param({"POOL_APPLY_ASYNC"}) public String impl;
 *   @Param({"2"}) public int workers;
 *   protected List<String> implementations() { return List.of("POOL_APPLY_ASYNC"); }
 *   @Benchmark public Long roundTrip() throws InterruptedException {
 *     long start = System.nanoTime();
 *     Long r = pool.applyAsync(x -> x, 1L).get();
 *     log.record(System.nanoTime() - start);
 *     return r;
 *   }
 * }
 * }</pre>
 */
@State(Scope.Benchmark)
public abstract class PoolLatencyState {

  /** The pool under test, started before the trial. */
  protected Pool pool;

  /** Where each latency is recorded (nanoseconds). */
  protected LatencyLog log;

  /** The values the {@code impl} parameter may take. */
  protected abstract List<String> implementations();

  /** Prepares the benchmark's own inputs once the pool and the log exist; nothing by default. */
  protected void prepare() {}

  /**
   * Checks {@code impl}, starts the pool and opens the log.
   *
   * @param params the trial's parameters
   */
  @Setup(Level.Trial)
  public void startPoolAndLog(BenchmarkParams params) {
    String impl = params.getParam("impl");
    if (!implementations().contains(impl)) {
      throw new IllegalArgumentException(
          "impl must be " + String.join(" or ", implementations()) + ", was " + impl);
    }
    int workers = Integer.parseInt(params.getParam("workers"));
    // CLUSTER_*: the same pool over that many member processes of this machine, one worker each
    pool = impl.startsWith("CLUSTER_")
        ? PoolSetup.builder(Backend.CLUSTER, workers, 0).create()
        : Pool.create(workers);
    try {
      log = LatencyLog.open(params);
      prepare();
    } catch (RuntimeException | Error e) {
      // JMH tears down only what was set up whole: stop the pool (and its processes) here
      pool.close();
      throw e;
    }
  }

  /**
   * Closes the pool after an operation failed (JMH skips the trial's tear-down then, and a
   * {@code CLUSTER_*} pool's member processes should not wait for the JVM's end), keeping what
   * closing threw as suppressed by the failure.
   *
   * @param failure what the operation threw
   */
  protected void closePoolAfterFailure(Throwable failure) {
    Pool p = pool;
    pool = null;
    FailedOperation.close(p, failure);
  }

  /** Writes a measured iteration's histogram. */
  @TearDown(Level.Iteration)
  public void endIteration(IterationParams iteration) {
    log.endIteration(iteration);
  }

  /** Closes the pool (a {@code CLUSTER_*} pool's member processes too) and the log. */
  @TearDown(Level.Trial)
  public void closePoolAndLog() {
    Pool p = pool;
    pool = null;
    try {
      if (p != null) {
        p.close();
      }
    } finally {
      log.close();
    }
  }
}
