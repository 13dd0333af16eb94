package io.poollab.bench;

import io.poollab.pool.ResultIterator;
import io.poollab.workload.WordHasher;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time to the first result of the word job over the first {@value #WORDS} words:
 * {@code imapUnordered} hands back a result as soon as one is done, {@code map} only when all
 * are. The operation ends at the first result (ms/op, also logged to an HdrHistogram); the rest
 * of an {@code imapUnordered} is drained after the operation, outside the measurement, so every
 * operation starts on an idle pool.
 *
 * <pre>{@code
 * java -jar target/benchmarks.jar FirstResultBenchmark -p impl=POOL_MAP,POOL_IMAP_UNORDERED -p workers=2
 * }</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
public class FirstResultBenchmark extends PoolLatencyState {

  /** How many words of the list one job hashes. */
  public static final int WORDS = 100_000;

  /** POOL_MAP or POOL_IMAP_UNORDERED. */
  @Param({"POOL_MAP", "POOL_IMAP_UNORDERED"})
  public String impl;

  /** Workers. */
  @Param({"2"})
  public int workers;

  /** Items per task, or {@code default} (map: ceil(n / 4w); imapUnordered: 1). */
  @Param({"default"})
  public String chunksize;

  private List<String> words;
  private ResultIterator<String> open;

  @Override
  protected List<String> implementations() {
    return List.of("POOL_MAP", "POOL_IMAP_UNORDERED");
  }

  /** Loads the words. */
  @Override
  protected void prepare() {
    List<String> all = BenchInputs.words();
    words = List.copyOf(all.subList(0, Math.min(WORDS, all.size())));
  }

  /**
   * Starts the job and waits for its first result.
   *
   * @return the first digest
   * @throws InterruptedException if interrupted while waiting
   */
  @Benchmark
  public String firstResult() throws InterruptedException {
    long start = System.nanoTime();
    int c = Chunksize.parse(chunksize);
    String first;
    if (impl.equals("POOL_MAP")) {
      first = (c == 0 ? pool.map(WordHasher::sha512Hex, words) : pool.map(WordHasher::sha512Hex, words, c)).get(0);
    } else {
      open = c == 0 ? pool.imapUnordered(WordHasher::sha512Hex, words) : pool.imapUnordered(WordHasher::sha512Hex, words, c);
      first = open.next();
    }
    log.record(System.nanoTime() - start);
    return first;
  }

  /** Drains the rest of an imapUnordered job (not measured), so the next call finds an idle pool. */
  @TearDown(Level.Invocation)
  public void drain() {
    if (open != null) {
      while (open.hasNext()) {
        open.next();
      }
      open.close();
      open = null;
    }
  }
}
