package io.poollab.bench;

import io.poollab.pool.AsyncResult;
import io.poollab.pool.Pool;
import io.poollab.workload.CpuTask;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;

/**
 * Per-task latency under load: a burst of {@value #TASKS} CPU tasks of about 50 µs submitted
 * at once with {@code applyAsync}; each task's latency (submission to the end of its work,
 * queueing included) goes to the HdrHistogram log. The JMH score is the whole burst (ms/op).
 *
 * <pre>{@code
 * java -Dpoollab.histograms=/tmp/h -jar target/benchmarks.jar TaskLatencyBenchmark -p workers=2
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
public class TaskLatencyBenchmark {

  /** Tasks per burst. */
  public static final int TASKS = 1000;

  /** The implementation: the pool's {@code applyAsync}. */
  @Param({"POOL_APPLY_ASYNC"})
  public String impl;

  /** Workers. */
  @Param({"2"})
  public int workers;

  /** Not used: one task per call. */
  @Param({"default"})
  public String chunksize;

  private Pool pool;
  private LatencyLog log;
  private CpuTask cpu;

  /** Starts the pool and the log; sizes the task. */
  @Setup(Level.Trial)
  public void setup(BenchmarkParams params) {
    if (!"POOL_APPLY_ASYNC".equals(impl)) {
      throw new IllegalArgumentException("impl must be POOL_APPLY_ASYNC, was " + impl);
    }
    pool = Pool.create(workers);
    log = LatencyLog.open(params);
    cpu = BenchInputs.cpuTask(50_000);
  }

  /**
   * One burst.
   *
   * @return a sum of the results (consumed by JMH)
   * @throws InterruptedException if interrupted while waiting
   */
  @Benchmark
  public long latencyUnderLoad() throws InterruptedException {
    List<AsyncResult<Long>> pending = new ArrayList<>(TASKS);
    for (long i = 0; i < TASKS; i++) {
      long submitted = System.nanoTime();
      pending.add(
          pool.applyAsync(
              x -> {
                long r = cpu.run(x);
                log.record(System.nanoTime() - submitted);
                return r;
              },
              i));
    }
    long sum = 0;
    for (AsyncResult<Long> r : pending) {
      sum += r.get();
    }
    return sum;
  }

  /** Writes a measured iteration's histogram. */
  @TearDown(Level.Iteration)
  public void endIteration(IterationParams iteration) {
    log.endIteration(iteration);
  }

  /** Closes the pool and the log. */
  @TearDown(Level.Trial)
  public void tearDown() {
    pool.close();
    log.close();
  }
}
