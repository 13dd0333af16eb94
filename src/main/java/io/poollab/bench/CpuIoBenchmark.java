package io.poollab.bench;

import io.poollab.pool.Backend;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
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

/**
 * CPU-bound vs IO-bound work, one whole job per operation (ms/op): serial vs the pool on
 * platform and on virtual threads vs the peers.
 *
 * <p>{@code task} picks the work and {@code costMicros} its cost per item: CPU jobs hold about
 * 200 ms of serial work ({@code 200000 / costMicros} items), IO jobs 100 items (a sleep, or a
 * request to an in-process loopback server that answers after the cost). With {@code backend=CLUSTER}
 * the pool runs on {@code members} processes of this machine (0: one per worker), started in the
 * trial's set-up and stopped in its tear-down, or at once when an operation fails (JMH then skips
 * the tear-down); the loopback task cannot travel to them (it holds this JVM's connections).
 *
 * <pre>{@code
 * java -jar target/benchmarks.jar CpuIoBenchmark -p task=SLEEP -p costMicros=1000 -p impl=SERIAL,POOL_MAP -p backend=VIRTUAL -p workers=100
 * java -jar target/benchmarks.jar CpuIoBenchmark -p task=SLEEP -p costMicros=5000 -p impl=POOL_MAP -p backend=CLUSTER -p workers=100 -p members=2
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
public class CpuIoBenchmark {

  /** The implementation under test. */
  @Param({"SERIAL", "POOL_MAP"})
  public CpuIoImpl impl;

  /** Workers (the serial baseline carries 1). */
  @Param({"2"})
  public int workers;

  /** Items per task, or {@code default}. */
  @Param({"default"})
  public String chunksize;

  /** CPU, SLEEP or LOOPBACK. */
  @Param({"CPU"})
  public TaskKind task;

  /** The cost of one item in microseconds (a whole number of ms for IO tasks). */
  @Param({"100"})
  public long costMicros;

  /** The pool's backend: platform or virtual threads, or member processes ({@code CLUSTER}). */
  @Param({"PLATFORM"})
  public Backend backend;

  /** Member processes on {@code CLUSTER}: 0 for one per worker (and for the thread backends). */
  @Param({"0"})
  public int members;

  private List<Long> items;
  private TaskKind.Workload workload;
  private BatchJob<Long, Long> job;

  /** Makes the items, starts the workload (a server for LOOPBACK) and the implementation. */
  @Setup(Level.Trial)
  public void setup() {
    items = LongStream.range(0, task.items(costMicros)).boxed().toList();
    workload = task.open(costMicros);
    try {
      job = impl.create(workers, Chunksize.parse(chunksize), backend, members, workload.task());
    } catch (RuntimeException | Error e) {
      workload.close();
      throw e;
    }
  }

  /**
   * Runs the task over every item.
   *
   * @return the results (consumed by JMH)
   * @throws Exception when a task fails
   */
  @Benchmark
  public List<Long> runAll() throws Exception {
    try {
      return job.run(items);
    } catch (Exception | Error e) {
      // JMH skips the trial's tear-down after a failed operation: stop the pool's processes now
      FailedOperation.close(job, e);
      job = null;
      throw e;
    }
  }

  /** Stops the implementation (a CLUSTER pool's member processes too) and the workload. */
  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    BatchJob<Long, Long> j = job;
    job = null;
    try {
      if (j != null) {
        j.close();
      }
    } finally {
      workload.close();
    }
  }
}
