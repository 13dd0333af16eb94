package io.poollab.bench;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.HdrHistogram.Recorder;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * Records latencies in nanoseconds with an HdrHistogram {@link Recorder} and writes one interval
 * histogram per measured JMH iteration to {@code <poollab.histograms>/<benchmark>-<params>-fork<N>.hlog},
 * N the fork's number in the run ({@code poollab.fork}; without it, the first free number from
 * 1), so each fork of a round has its own log (warm-up iterations are recorded and dropped).
 * Without {@code poollab.histograms} nothing is written.
 *
 * <pre>{@code
 * LatencyLog log = LatencyLog.open(benchmarkParams);     // in @Setup(Level.Trial)
 * log.record(System.nanoTime() - start);                 // in the benchmark method
 * log.endIteration(iterationParams);                     // in @TearDown(Level.Iteration)
 * log.close();                                           // in @TearDown(Level.Trial)
 * }</pre>
 */
public final class LatencyLog implements AutoCloseable {

  private final Recorder recorder = new Recorder(3);
  private final HistogramLogWriter writer;
  private final Path file;
  private Histogram interval;

  private LatencyLog(Path file) {
    this.file = file;
    if (file == null) {
      writer = null;
      return;
    }
    try {
      Files.createDirectories(file.getParent());
      writer = new HistogramLogWriter(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create histogram log " + file, e);
    }
    long now = System.currentTimeMillis();
    writer.outputComment("poollab latency log, values in nanoseconds: " + file.getFileName());
    writer.outputLogFormatVersion();
    writer.outputStartTime(now);
    writer.setBaseTime(now);
    writer.outputLegend();
  }

  /**
   * A log for this benchmark configuration, in the folder {@code poollab.histograms} names.
   *
   * @param params JMH's params of the running benchmark (injected into a {@code @Setup} method)
   * @return the log
   */
  public static LatencyLog open(BenchmarkParams params) {
    return new LatencyLog(BenchInputs.histogramsDir()
        .map(dir -> BenchInputs.fork()
            .map(n -> dir.resolve(fileName(params) + "-fork" + n + ".hlog"))
            .orElseGet(() -> freeName(dir, fileName(params))))
        .orElse(null));
  }

  /** The file name of a configuration: {@code Class.method-key=value-....hlog}, keys sorted. */
  static String fileName(BenchmarkParams params) {
    String[] parts = params.getBenchmark().split("\\.");
    StringBuilder sb = new StringBuilder(parts[parts.length - 2]).append('.').append(parts[parts.length - 1]);
    for (String key : params.getParamsKeys()) {
      sb.append('-').append(key).append('=').append(params.getParam(key));
    }
    return sb.toString().replaceAll("[^A-Za-z0-9._=-]", "_");
  }

  private static Path freeName(Path dir, String base) {
    Path p = dir.resolve(base + "-fork1.hlog");
    for (int fork = 2; Files.exists(p); fork++) {
      p = dir.resolve(base + "-fork" + fork + ".hlog");
    }
    return p;
  }

  /**
   * Records one latency; safe from any thread.
   *
   * @param nanos the latency in nanoseconds
   */
  public void record(long nanos) {
    recorder.recordValue(Math.max(0, nanos));
  }

  /**
   * Ends an iteration: a measured iteration's histogram goes to the log, a warm-up's is dropped.
   *
   * @param iteration JMH's params of the iteration that ended
   */
  public void endIteration(IterationParams iteration) {
    interval = recorder.getIntervalHistogram(interval);
    if (writer != null && iteration.getType() == IterationType.MEASUREMENT) {
      writer.outputIntervalHistogram(interval);
    }
  }

  /** The log file, or null when none is written. */
  public Path file() {
    return file;
  }

  /** Closes the log file. */
  @Override
  public void close() {
    if (writer != null) {
      writer.close();
    }
  }
}
