package io.poollab.bench;

import io.poollab.pool.ResultIterator;
import io.poollab.workload.WordHasher;
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

  /** Loads the words and checks the pace. */
  @Override
  protected void prepare() {
    words = BenchInputs.words();
    pace = new StreamPace(intervalMicros, items);
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
    long start = System.nanoTime();
    PacedInput input = new PacedInput(words, pace, start);
    int n = 0;
    if (impl.equals("SERIAL")) {
      for (String word : input) {
        bh.consume(WordHasher.sha512Hex(word));
        if (n++ == 0) {
          log.record(System.nanoTime() - start);
        }
      }
      return n;
    }
    int c = Chunksize.parse(chunksize);
    boolean ordered = impl.equals("POOL_IMAP");
    try (ResultIterator<String> results = ordered
        ? (c == 0 ? pool.imap(WordHasher::sha512Hex, input) : pool.imap(WordHasher::sha512Hex, input, c))
        : (c == 0 ? pool.imapUnordered(WordHasher::sha512Hex, input)
            : pool.imapUnordered(WordHasher::sha512Hex, input, c))) {
      while (results.hasNext()) {
        bh.consume(results.next(RESULT_LIMIT_NANOS, TimeUnit.NANOSECONDS));
        if (n++ == 0) {
          log.record(System.nanoTime() - start);
        }
      }
    }
    if (n != items) {
      throw new IllegalStateException(impl + " gave " + n + " results for " + items + " items");
    }
    return n;
  }
}
