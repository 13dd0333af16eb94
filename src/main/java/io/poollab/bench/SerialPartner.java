package io.poollab.bench;

import io.poollab.pool.Backend;
import java.util.List;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * The serial word job run between a parallel fork's operations, so that each measured iteration
 * carries its own serial time, taken next to it (within about 0.1 s over 100,000 words, about a
 * second over the whole list): a paired fork. With {@code -Dpoollab.bench.pairedSerial=true} (the
 * lab's {@code bench} command sets it), every non-serial fork of {@link WordJobBenchmark} runs one
 * serial job beside each of its operations, alternately just before and just after it, outside
 * JMH's timing; the mean serial time of the iteration is reported as the secondary metric
 * {@code serialPartnerMillis} (ms/op).
 *
 * <p>Why: on a shared machine the word job's speed moves by up to 1.8x within seconds (a busy
 * neighbour on the same physical core), while a parallel fork and its SERIAL fork run seconds
 * apart. Pairing inside one fork lets each iteration's ratio see one machine state: Abedi and
 * Brecht's interleaving of the compared systems, taken down from forks to operations. The primary
 * score stays the time of the parallel job's own operations, but the heap is shared: each job's
 * garbage is collected whenever the heap fills, so a parallel operation pays for some of its
 * partner's collections and the partner for some of its own. JMH's GC profiler sees both jobs, so
 * a paired fork's GC time and allocation per operation include the partner's (the report shows
 * them for the SERIAL forks only).
 *
 * <p>A fork on member processes ({@code backend=CLUSTER}) pairs only its last {@value
 * #CLUSTER_PAIRED_WARMUPS} warm-up iterations and its measured ones: its pool needs a few dozen
 * operations before the compilers of its three JVMs are done, while the serial job is warm after
 * one, so its earlier warm-up operations run alone and the warm-up costs half the time.
 *
 * <p>Without the property, or in a {@code SERIAL} fork, it does nothing and reports 0.
 *
 * <pre>{@code
 * java -Dpoollab.bench.pairedSerial=true -Dpoollab.words=100000 \
 *     -jar target/benchmarks.jar WordJobBenchmark -p impl=POOL_MAP -p workers=2
 * # ... secondary metric serialPartnerMillis: the serial job's ms/op in each iteration
 * }</pre>
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class SerialPartner {

  // JMH reports every public field and method of an @AuxCounters state: the names live in
  // BenchInputs.PAIRED_SERIAL and ForkResult.SERIAL_PARTNER, and the rest is private.

  /** The warm-up iterations of a {@code CLUSTER} fork that run the serial job: its last ones. */
  static final int CLUSTER_PAIRED_WARMUPS = 2;

  private BatchJob<String, String> serial;
  private List<String> words;
  /** Whether every warm-up iteration is paired, or only the last {@link #CLUSTER_PAIRED_WARMUPS}. */
  private boolean pairEveryWarmup = true;
  private int warmupsStarted;
  /** Whether this iteration runs the serial job beside its operations. */
  private boolean paired;
  private long invocations;
  private long nanos;
  private long operations;

  /** Whether this JVM pairs parallel forks with the serial job. */
  static boolean enabled() {
    return Boolean.parseBoolean(System.getProperty(BenchInputs.PAIRED_SERIAL, "false"));
  }

  /**
   * Makes the serial job when pairing is on and the benchmark's own job is not serial.
   *
   * @param bench the benchmark whose words and impl decide
   */
  @Setup(Level.Trial)
  public void start(WordJobBenchmark bench) {
    if (enabled() && bench.impl != WordJobImpl.SERIAL) {
      words = bench.words();
      serial = WordJobImpl.SERIAL.create(new WordJobConfig(1, 0, bench.hashing));
      pairEveryWarmup = bench.backend != Backend.CLUSTER;
    }
  }

  /**
   * Each iteration reports its own serial time; a {@code CLUSTER} fork's early warm-up iterations
   * run without the serial job.
   *
   * @param iteration whether this is a warm-up or a measured iteration, and how many there are
   */
  @Setup(Level.Iteration)
  public void startIteration(IterationParams iteration) {
    nanos = 0;
    operations = 0;
    if (iteration.getType() == IterationType.WARMUP) {
      warmupsStarted++;
    }
    paired = pairs(iteration.getType(), warmupsStarted, iteration.getCount(), pairEveryWarmup);
  }

  /**
   * Whether an iteration runs the serial job: every measured one, and every warm-up one or only
   * the last {@link #CLUSTER_PAIRED_WARMUPS}.
   *
   * @param type warm-up or measured
   * @param warmup the warm-up iteration's number, from 1 (ignored for a measured one)
   * @param warmups how many warm-up iterations the fork runs
   * @param everyWarmup whether every warm-up iteration is paired
   */
  static boolean pairs(IterationType type, int warmup, int warmups, boolean everyWarmup) {
    return type != IterationType.WARMUP || everyWarmup || warmup > warmups - CLUSTER_PAIRED_WARMUPS;
  }

  /** Even operations: the serial job runs just before the parallel one. */
  @Setup(Level.Invocation)
  public void before() throws Exception {
    if (serial != null && paired && (invocations & 1) == 0) {
      runSerial();
    }
  }

  /** Odd operations: the serial job runs just after the parallel one, so neither always goes first. */
  @TearDown(Level.Invocation)
  public void after() throws Exception {
    if (serial != null && paired && (invocations & 1) == 1) {
      runSerial();
    }
    invocations++;
  }

  /**
   * The serial job's mean time per operation in this iteration, the secondary metric {@code
   * serialPartnerMillis} ({@link ForkResult#SERIAL_PARTNER}).
   *
   * @return milliseconds per serial job; 0 when not paired
   */
  public double serialPartnerMillis() {
    return operations == 0 ? 0.0 : nanos / 1e6 / operations;
  }

  /** Closes the serial job, once. */
  @TearDown(Level.Trial)
  public void stop() throws Exception {
    BatchJob<String, String> s = serial;
    serial = null;
    if (s != null) {
      s.close();
    }
  }

  private void runSerial() throws Exception {
    long t0 = System.nanoTime();
    List<String> digests = serial.run(words);
    long elapsed = System.nanoTime() - t0;
    if (digests.size() != words.size()) {
      throw new IllegalStateException(
          "the serial partner hashed " + digests.size() + " of " + words.size() + " words");
    }
    nanos += elapsed;
    operations++;
  }
}
