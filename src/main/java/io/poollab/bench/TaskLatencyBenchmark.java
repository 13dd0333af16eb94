package io.poollab.bench;

import io.poollab.pool.AsyncResult;
import io.poollab.workload.CpuTask;
import java.util.ArrayList;
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
 * Per-task latency under load: a burst of {@value #TASKS} CPU tasks of about 50 µs submitted
 * at once with {@code applyAsync}; each task's latency (submission to the end of its work,
 * queueing included) goes to the HdrHistogram log. The JMH score is the whole burst (ms/op).
 *
 * <pre>{@code
 * java -Dpoollab.histograms=/tmp/h -jar target/benchmarks.jar TaskLatencyBenchmark -p workers=2
 * }</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
public class TaskLatencyBenchmark extends PoolLatencyState {

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

  private CpuTask cpu;

  @Override
  protected List<String> implementations() {
    return List.of("POOL_APPLY_ASYNC");
  }

  /** Sizes the task. */
  @Override
  protected void prepare() {
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
}
