package io.poollab.bench;

import io.poollab.pool.Backend;
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

/**
 * The guide's job: the SHA-512 hex digest of every word of the list, one whole job per
 * operation (ms/op), serial vs each pool method vs the peers.
 *
 * <p>The words live in a state field loaded once per trial; the pool or executor is made in
 * {@code @Setup(Level.Trial)} and closed in {@code @TearDown}, so an operation measures the job
 * and not the pool's start. The result list is returned, so JMH consumes it.
 *
 * <p>With {@code backend=CLUSTER} the pool's methods run on {@code members} processes of this
 * machine (0: one per worker, as Python's {@code Pool(workers)}), started in the trial's set-up
 * (seconds, not measured) and stopped in its tear-down, or at once when an operation fails, since
 * JMH then skips the tear-down.
 *
 * <pre>{@code
 * java -Dpoollab.words=100000 -jar target/benchmarks.jar WordJobBenchmark -p impl=SERIAL,POOL_MAP -p workers=2
 * java -jar target/benchmarks.jar WordJobBenchmark -p impl=POOL_MAP -p backend=CLUSTER -p workers=2
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class WordJobBenchmark {

  /** The implementation under test. */
  @Param({"SERIAL", "POOL_MAP"})
  public WordJobImpl impl;

  /** Workers (the serial baseline carries 1). */
  @Param({"2"})
  public int workers;

  /** Items per task, or {@code default}. */
  @Param({"default"})
  public String chunksize;

  /** How each worker gets its digest. */
  @Param({"NEW_DIGEST"})
  public Hashing hashing;

  /** The pool's backend: platform threads, or member processes ({@code CLUSTER}). */
  @Param({"PLATFORM"})
  public Backend backend;

  /** Member processes on {@code CLUSTER}: 0 for one per worker (and for the thread backends). */
  @Param({"0"})
  public int members;

  private List<String> words;
  private BatchJob<String, String> job;

  /** Loads the words and starts the implementation's threads (or member processes). */
  @Setup(Level.Trial)
  public void setup() {
    words = BenchInputs.words();
    job = impl.create(new WordJobConfig(workers, Chunksize.parse(chunksize), hashing, backend, members));
  }

  /**
   * Hashes every word.
   *
   * @param partner the serial job run beside each operation in a paired fork (see {@link
   *     SerialPartner}); it does nothing otherwise
   * @return the digests (consumed by JMH)
   * @throws Exception when a task fails
   */
  @Benchmark
  public List<String> hashAll(SerialPartner partner) throws Exception {
    try {
      return job.run(words);
    } catch (Exception | Error e) {
      // JMH skips the trial's tear-down after a failed operation: stop the pool's processes now
      FailedOperation.close(job, e);
      job = null;
      throw e;
    }
  }

  /** The words this trial hashes (for the {@link SerialPartner}). */
  List<String> words() {
    return words;
  }

  /** Stops the implementation's threads (and member processes); once. */
  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    BatchJob<String, String> j = job;
    job = null;
    if (j != null) {
      j.close();
    }
  }
}
