package io.poollab.bench;

import io.poollab.workload.CpuTask;
import io.poollab.workload.DefaultDataset;
import io.poollab.workload.WordList;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a forked benchmark JVM reads from its system properties, set by the {@code bench}
 * command through JMH's {@code jvmArgs}.
 *
 * <ul>
 *   <li>{@code poollab.dataset}: the word list (default: {@code DefaultDataset.resolve(datasets)});
 *   <li>{@code poollab.words}: use only the first N words (default: all);
 *   <li>{@code poollab.histograms}: where latency benchmarks write their {@code .hlog} files
 *       (default: none written);
 *   <li>{@code poollab.fork}: the fork's number in the run, set by the round runner; latency logs
 *       carry it in their file name so each round's histogram can be told apart (default: none);
 *   <li>{@code poollab.cpu.nanosPerIteration}: the cost of one {@link CpuTask} round, measured
 *       once by the {@code bench} command so every fork does the same work per item (default:
 *       measured in this JVM);
 *   <li>{@code poollab.bench.pairedSerial}: {@code true} runs the serial word job beside each
 *       operation of a parallel word-job fork ({@link SerialPartner}; default: off).
 * </ul>
 *
 * <pre>{@code
 * java -Dpoollab.dataset=datasets/standin_1m_words.txt -Dpoollab.words=1000 -jar target/benchmarks.jar WordJob
 * }</pre>
 */
public final class BenchInputs {

  /** The dataset property. */
  public static final String DATASET = "poollab.dataset";

  /** The word limit property. */
  public static final String WORDS = "poollab.words";

  /** The histogram folder property. */
  public static final String HISTOGRAMS = "poollab.histograms";

  /** The fork number property. */
  public static final String FORK = "poollab.fork";

  /** The property that pairs each parallel word-job fork with the serial job ({@link SerialPartner}). */
  public static final String PAIRED_SERIAL = "poollab.bench.pairedSerial";

  /** The measured CPU task cost property. */
  public static final String NANOS_PER_ITERATION = "poollab.cpu.nanosPerIteration";

  private BenchInputs() {}

  /** The word list to use: {@code poollab.dataset}, else the default dataset. */
  public static Path dataset() {
    String p = System.getProperty(DATASET);
    return p == null || p.isBlank() ? DefaultDataset.resolve(Path.of("datasets")) : Path.of(p);
  }

  /** The words the benchmarks hash: the dataset, cut to {@code poollab.words} when set. */
  public static List<String> words() {
    List<String> all = WordList.load(dataset());
    int limit = wordLimit();
    return limit > 0 && limit < all.size() ? List.copyOf(all.subList(0, limit)) : all;
  }

  /** The {@code poollab.words} limit, or 0 for all words. */
  public static int wordLimit() {
    String v = System.getProperty(WORDS);
    if (v == null || v.isBlank()) {
      return 0;
    }
    try {
      int n = Integer.parseInt(v.trim());
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "-D" + WORDS + " must be a non-negative integer (0 = all words), was '" + v + "'");
  }

  /** The folder for histogram logs, when {@code poollab.histograms} is set. */
  public static Optional<Path> histogramsDir() {
    String p = System.getProperty(HISTOGRAMS);
    return p == null || p.isBlank() ? Optional.empty() : Optional.of(Path.of(p));
  }

  /** The fork's number in the run ({@code poollab.fork}), when the round runner set it. */
  public static Optional<Integer> fork() {
    String v = System.getProperty(FORK);
    if (v == null || v.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Integer.parseInt(v.trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("-D" + FORK + " must be a fork number, was '" + v + "'", e);
    }
  }

  /**
   * A CPU task of about {@code costNanos} per item, built from the cost per round the
   * {@code bench} command measured (so serial and parallel forks do the same work).
   *
   * @param costNanos the wanted cost per item
   * @return the task
   */
  public static CpuTask cpuTask(long costNanos) {
    String v = System.getProperty(NANOS_PER_ITERATION);
    double perIteration =
        v == null || v.isBlank() ? CpuTask.measureNanosPerIteration() : Double.parseDouble(v);
    return new CpuTask(Math.max(1, Math.round(costNanos / perIteration)), perIteration);
  }
}
