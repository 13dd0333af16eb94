package io.poollab.bench;

import io.poollab.pool.ResultIterator;
import io.poollab.workload.WordHasher;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The lazy calls over a streaming input: {@code imap} and {@code imapUnordered} at chunksize 1
 * over a {@link PacedInput} that hands over one word every {@code intervalMicros} (item {@code
 * i} at {@code i} intervals after the call starts), each word hashed with SHA-512. One operation
 * is one whole stream of {@code items} items (ms/op): a pool that keeps up ends one task after
 * the last item, {@code (items - 1)} intervals after the start, so its throughput, {@code items
 * - 1} per stream time, is the input's rate. The time from the call to its first result goes to
 * the HdrHistogram log: the pool must hand each item to a worker as soon as it is read, so the
 * first result comes within one interval plus one task's time, however slow the input. {@code
 * SERIAL} is a plain loop over the same input: its first result takes one task's time, and its
 * stream the input's time.
 *
 * <p>Before the first iteration, {@value #WARM_UP_CALLS} short streams over a fast input (2
 * items, 1 us apart) run the same code as a measured stream. A stream is a call: with an item
 * every 100 us a fork's warm-up iterations hold about thirty of them, with one every 10 ms three,
 * far below the few thousand calls the JIT needs to compile the call's own path (the call's
 * set-up, the reader's start, the hand-overs); without them the first results timed the
 * interpreter: on a 2-vCPU Intel Xeon VM, three forks a side, the pool's first-result p50 over
 * the 100 us input was 116-172 us without them and 48-89 us with them, the serial loop's 21-22 us
 * and 4-5 us (a trace put 35 us of the pool's between {@code stream()}'s start and the job's
 * creation, in code run a hundred times).
 *
 * <pre>{@code
 * java -Dpoollab.histograms=/tmp/h -jar target/benchmarks.jar StreamingBenchmark -p intervalMicros=100 -p items=100
 * java -jar target/benchmarks.jar StreamingBenchmark -p impl=SERIAL,POOL_IMAP -p intervalMicros=10000 -p items=20
 * }</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 89, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 6, time = 89, timeUnit = TimeUnit.MILLISECONDS)
public class StreamingBenchmark extends PoolLatencyState {

  /** How long one call may wait for one result before the operation fails instead of hanging. */
  private static final long RESULT_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(10);

  /** Short streams run before the first iteration, so that the measured calls run compiled code. */
  public static final int WARM_UP_CALLS = 5_000;

  /** The warm-up streams' input: as fast as the input can go, a second item to wait for. */
  static final StreamPace WARM_UP_PACE = new StreamPace(1, 2);

  /** SERIAL, POOL_IMAP or POOL_IMAP_UNORDERED. */
  @Param({"POOL_IMAP", "POOL_IMAP_UNORDERED"})
  public String impl;

  /** Workers (the serial loop carries 1). */
  @Param({"2"})
  public int workers;

  /** Items per task, or {@code default} (1, the lazy calls' own). */
  @Param({"1"})
  public String chunksize;

  /** The time between two items of the input, microseconds. */
  @Param({"100"})
  public long intervalMicros;

  /** Items per stream (one operation). */
  @Param({"100"})
  public int items;

  private List<String> words;
  private StreamPace pace;

  @Override
  protected List<String> implementations() {
    return List.of("SERIAL", "POOL_IMAP", "POOL_IMAP_UNORDERED");
  }

  /** Loads the words, checks the pace, and runs the warm-up streams (see the class comment). */
  @Override
  protected void prepare() {
    words = BenchInputs.words();
    pace = new StreamPace(intervalMicros, items);
    int[] sink = new int[1]; // the warm-up's digests are used, as the Blackhole uses the measured ones
    for (int i = 0; i < WARM_UP_CALLS; i++) {
      try {
        run(WARM_UP_PACE, digest -> sink[0] += digest.length(), false);
      } catch (Exception e) {
        throw new IllegalStateException(
            "warm-up stream " + (i + 1) + " of " + WARM_UP_CALLS + " failed", e);
      }
    }
  }

  /**
   * One stream: every item read as the input hands it over, every result consumed.
   *
   * @param bh consumes the digests
   * @return the number of results
   * @throws Exception when a result failed, or none came within 10 s
   */
  @Benchmark
  public int stream(Blackhole bh) throws Exception {
    return run(pace, bh::consume, true);
  }

  /** One stream of {@code streamPace}; {@code record}: its first result's time goes to the log. */
  private int run(StreamPace streamPace, Consumer<String> results, boolean record) throws Exception {
    long start = System.nanoTime();
    PacedInput input = new PacedInput(words, streamPace, start);
    int n = 0;
    if (impl.equals("SERIAL")) {
      for (String word : input) {
        results.accept(WordHasher.sha512Hex(word));
        if (n++ == 0 && record) {
          log.record(System.nanoTime() - start);
        }
      }
      return n;
    }
    int c = Chunksize.parse(chunksize);
    boolean ordered = impl.equals("POOL_IMAP");
    try (ResultIterator<String> digests = ordered
        ? (c == 0 ? pool.imap(WordHasher::sha512Hex, input) : pool.imap(WordHasher::sha512Hex, input, c))
        : (c == 0 ? pool.imapUnordered(WordHasher::sha512Hex, input)
            : pool.imapUnordered(WordHasher::sha512Hex, input, c))) {
      while (digests.hasNext()) {
        results.accept(digests.next(RESULT_LIMIT_NANOS, TimeUnit.NANOSECONDS));
        if (n++ == 0 && record) {
          log.record(System.nanoTime() - start);
        }
      }
    }
    if (n != streamPace.items()) {
      throw new IllegalStateException(
          impl + " gave " + n + " results for " + streamPace.items() + " items");
    }
    return n;
  }
}
