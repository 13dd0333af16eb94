package io.poollab.report;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Everything read from one run folder: the model the report and the regression check work from.
 *
 * <p>Reading never stops at the first bad file: what could not be read is listed in
 * {@link #problems()}, each naming the file and what is wrong, and the rest is here.
 *
 * <pre>{@code
 * RunResults run = RunReader.read(Path.of("reports/20260101-120000"));
 * run.problems().forEach(System.err::println);
 * run.speedUps().stream().filter(SpeedUp::isFinite).forEach(System.out::println);
 * }</pre>
 *
 * @param dir the run folder
 * @param metadata where and how it ran ({@link RunMetadata#unknown()} when not readable)
 * @param results the JMH results, in file order
 * @param python Python's reference results, when present and readable
 * @param latencies latency histograms by log name (file name without {@code .hlog} and without a
 *     {@code -forkN} suffix), values in nanoseconds, every interval of every fork's log added
 *     into one histogram
 * @param latencyByFork each fork's own latency histogram, by fork number (logs named
 *     {@code -forkN}), for statistics over rounds
 * @param rounds the run's protocol: every fork with its round and group
 * @param speedUps the speed-ups of the JMH results, then of the Python results
 * @param problems what could not be read or computed, one sentence each, naming the file
 * @param unreadable the problems (also in {@code problems}) that are files present but not as the
 *     lab writes them: a malformed {@code rounds.json}, a latency log that does not parse. The
 *     report reads around them; the regression check refuses such a run, since figures computed
 *     without them would be made up (a latency log of a fork that failed, which the lab may leave
 *     cut short, is not one of them)
 */
public record RunResults(
    Path dir,
    RunMetadata metadata,
    List<BenchmarkResult> results,
    Optional<PythonResults> python,
    Map<String, Histogram> latencies,
    Map<Integer, Histogram> latencyByFork,
    Rounds rounds,
    List<SpeedUp> speedUps,
    List<String> problems,
    List<String> unreadable) {

  /** Checks the fields and freezes the collections. */
  public RunResults {
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(python, "python");
    results = List.copyOf(results);
    latencies = Collections.unmodifiableMap(new TreeMap<>(latencies));
    latencyByFork = Collections.unmodifiableMap(new TreeMap<>(latencyByFork));
    Objects.requireNonNull(rounds, "rounds");
    speedUps = List.copyOf(speedUps);
    problems = List.copyOf(problems);
    unreadable = List.copyOf(unreadable);
  }

  /**
   * The run's name: its folder name, by convention {@code yyyyMMdd-HHmmss}.
   *
   * @return the folder name
   */
  public String name() {
    // normalized first: a run read as "." or "run/." is named by its folder, not "."
    Path f = dir.toAbsolutePath().normalize().getFileName();
    return f == null ? dir.toString() : f.toString();
  }

  /**
   * Whether anything at all was read: a result, Python result or histogram.
   *
   * @return false when the run holds no data to report
   */
  public boolean hasData() {
    return !results.isEmpty() || python.isPresent() || !latencies.isEmpty();
  }
}
